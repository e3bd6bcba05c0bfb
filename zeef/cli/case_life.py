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


def _day(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _common().CommandError(f"{flag}: not a date (YYYY-MM-DD)") from None


def _consent_line(consent, today: dt.date | None = None) -> dict:
    line = {
        "consent_id": consent.consent_id,
        "purpose": consent.purpose,
        "form": consent.form,
        "given_on": consent.given_on,
        "until": consent.until,
        "recorded_by": consent.recorded_by,
        "withdrawn_on": consent.withdrawn_on,
        "withdrawn_by": consent.withdrawn_by,
    }
    if today is not None:
        line["active"] = consent.active_on(today)
    return line


def cmd_consent(args: argparse.Namespace) -> int:
    """`zeef consent add|withdraw|list`: the subject's consents (never the scope printed)."""
    from zeef.pipeline import consents

    cli = _common()
    store = cli._store(args)
    cli._registered(store, args.case_id)
    if args.consent_command == "add":
        if args.until is None:
            raise cli.CommandError("--until: required (YYYY-MM-DD)")
        consent = consents.add(
            store, args.case_id, purpose=args.purpose, scope=args.scope,
            until=_day(args.until, "--until"), form=args.form, recorded_by=cli._user(args),
            on=_day(args.on, "--on"),
        )  # fmt: skip
        line = _consent_line(consent)
        cli._print_json_line({k: line[k] for k in ("consent_id", "purpose", "form",
                                                   "given_on", "until")})  # fmt: skip
    elif args.consent_command == "withdraw":
        consent = consents.withdraw(store, args.case_id, args.consent_id, by=cli._user(args),
                                    on=_day(args.on, "--on"))  # fmt: skip
        cli._print_json_line({"consent_id": consent.consent_id,
                              "withdrawn_on": consent.withdrawn_on,
                              "withdrawn_by": consent.withdrawn_by})  # fmt: skip
    else:
        today = _day(args.now, "--now") or dt.datetime.now(dt.UTC).date()
        for consent in consents.list_consents(store, args.case_id):
            cli._print_json_line(_consent_line(consent, today))
    return cli.EXIT_OK


def cmd_cases_decide(args: argparse.Namespace) -> int:
    from zeef.pipeline.case_decision import decide_case

    cli = _common()
    store = cli._store(args)
    cli._registered(store, args.case_id)
    result = decide_case(store, args.case_id, date=args.date, supports=args.supports,
                         actor=cli._user(args))  # fmt: skip
    cli._print_json_line({"case_id": args.case_id, **result})
    return cli.EXIT_OK


def cmd_cases_end(args: argparse.Namespace) -> int:
    from zeef.pipeline.case_decision import end_provision

    cli = _common()
    store = cli._store(args)
    cli._registered(store, args.case_id)
    result = end_provision(store, args.case_id, date=args.date, actor=cli._user(args))
    cli._print_json_line({"case_id": args.case_id, **result})
    return cli.EXIT_OK


def cmd_retention_run(args: argparse.Namespace) -> int:
    import sys

    from zeef.pipeline import retention

    cli = _common()
    store = cli._store(args)
    today = dt.datetime.now(dt.UTC).date()
    now = _day(args.now, "--now") or today
    if now > today and not args.dry_run:
        print(f"zeef: warning: retention judged as of {now}, a day still to come: what is "
              "destroyed now cannot be brought back", file=sys.stderr)  # fmt: skip
    summary = retention.run(store, now=now, dry_run=args.dry_run, actor=cli._user(args))
    cli._print_json_line(summary)
    return cli.EXIT_FAILED if summary["failed"] and not args.dry_run else cli.EXIT_OK


def register(sub, store_help: str, cases_sub) -> None:
    """Add this module's commands to the `zeef` parser's subcommands `sub` (and `zeef
    cases`'s, `cases_sub`)."""
    g = cases_sub.add_parser(
        "decide", help="record the decision; the documents it rests on to the archive"
    )
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the decision's date")
    g.add_argument("--supports", nargs="*", required=True, metavar="SHA256",
                   help="the working-dossier documents it rests on (may be none)")
    g.add_argument("--by", metavar="USER", help="who records it (default: the login)")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_cases_decide)
    g = cases_sub.add_parser("end", help="the provision or benefit ended: the archive's clock")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    g.add_argument("--by", metavar="USER", help="who records it (default: the login)")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_cases_end)

    p = sub.add_parser("retention", help="the retention table applied")
    retention_sub = p.add_subparsers(dest="retention_command", required=True)
    g = retention_sub.add_parser(
        "run", help="destroy what may no longer be kept (JSON: destroyed, kept, overdue)"
    )
    g.add_argument("--now", metavar="YYYY-MM-DD", help="the day to judge by (default today)")
    g.add_argument("--dry-run", action="store_true", help="count only; write nothing")
    g.add_argument("--by", metavar="USER", help="who runs it (default: the login)")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_retention_run)

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

    p = sub.add_parser("consent", help="the subject's consents (AVG art. 7): add, withdraw, list")
    consent_sub = p.add_subparsers(dest="consent_command", required=True)
    g = consent_sub.add_parser("add", help="record a consent (JSON line: its id, never the scope)")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--purpose", required=True, metavar="CODE", help="a code: a-z, 0-9, _")
    g.add_argument("--scope", required=True, help="the data and sources it covers")
    g.add_argument("--until", metavar="YYYY-MM-DD", required=True, help="its last day")
    g.add_argument("--form", choices=("oral", "written"), required=True)
    g.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was given (default today)")
    g.add_argument("--recorded-by", dest="by", metavar="USER", help="default: the login")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_consent)
    g = consent_sub.add_parser("withdraw", help="a consent withdrawn from a day on")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("consent_id", metavar="CONSENT_ID")
    g.add_argument("--on", metavar="YYYY-MM-DD", help="default today")
    g.add_argument("--by", metavar="USER", help="default: the login")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_consent)
    g = consent_sub.add_parser("list", help="the case's consents (JSON Lines, with `active`)")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--now", metavar="YYYY-MM-DD", help="the day `active` is judged by")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_consent)
