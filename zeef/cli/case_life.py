"""The commands of a case's life after intake (`docs/case-life.md`): handing over what
waits in the outbox and the returns, the queues of what waits for a person.

Each command parses its arguments and calls one pipeline function; `register` adds them
to the `zeef` parser (`zeef.cli.build_parser`).
"""

from __future__ import annotations

import argparse
import datetime as dt


def _common():
    from zeef import cli

    return cli


def cmd_handover(args: argparse.Namespace) -> int:
    from zeef.pipeline.handover import handover

    cli = _common()
    store = cli._store(args)
    cli._registered(store, args.case_id)
    record = handover(store, args.case_id, args.sha256, to=args.to, how=args.how,
                      actor=cli._user(args))  # fmt: skip
    cli._print_json_line(
        {
            "case_id": args.case_id,
            "sha256": record.sha256,
            "to": args.to or _recipient(record),
            "how": args.how,
            "handed_over_by": record.decided_by,
            "at": record.decided_at,
            "location": record.location,
        }
    )
    return cli.EXIT_OK


def _recipient(record) -> str | None:
    from zeef.pipeline.handover import RECIPIENTS

    return RECIPIENTS.get(record.disposition)


def cmd_queues(args: argparse.Namespace) -> int:
    from zeef.pipeline.queues import queues

    cli = _common()
    store = cli._store(args)
    try:
        today = dt.date.fromisoformat(args.now) if args.now else None
    except ValueError:
        raise cli.CommandError("--now: not a date (YYYY-MM-DD)") from None
    for line in queues(store, today):
        if args.overdue and not line["overdue"]:
            continue
        cli._print_json_line(line)
    return cli.EXIT_OK


def register(sub, store_help: str) -> None:
    """Add this module's commands to the `zeef` parser's subcommands `sub`."""
    p = sub.add_parser(
        "handover",
        help="a forwarded or returned document delivered: zeef's copy deleted (every version)",
    )
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("sha256", metavar="SHA256")
    p.add_argument("--to", choices=("medical_adviser", "subject"),
                   help="who received it (default: whom it waits for)")  # fmt: skip
    p.add_argument("--how", choices=("post", "portal", "in_person"), required=True)
    p.add_argument("--actor", dest="by", metavar="USER",
                   help="who handed it over (default: the login); in the audit trail")  # fmt: skip
    p.add_argument("--store", metavar="URL", help=store_help)
    p.set_defaults(func=cmd_handover)

    p = sub.add_parser(
        "queues",
        help="what waits in the outbox, returns, review and unmatched, with age and deadline",
    )
    p.add_argument("--now", metavar="YYYY-MM-DD", help="the date to judge deadlines by")
    p.add_argument("--overdue", action="store_true", help="overdue items only")
    p.add_argument("--store", metavar="URL", help=store_help)
    p.set_defaults(func=cmd_queues)
