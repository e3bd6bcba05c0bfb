"""The `zeef` command line (see docs/cli.md and the contract in CONTRACT.md).

Heavy imports (Presidio, spaCy) happen inside the commands that need them, so
`zeef --help` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path

from zeef.domain.errors import (
    AuditError,
    InvalidInput,
    RedactError,
    StoreError,
    ZeefError,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REFUSED = 3  # inspection refused while an enforcement investigation runs

# How an error that reaches the top becomes an exit code: by its type, the nearest class
# in its MRO that is listed here. Every message is printed as is (`zeef.domain.errors`:
# safe to print); the store's also says that a rerun completes what was started.
EXIT_CODES: dict[type[ZeefError], int] = {
    InvalidInput: EXIT_USAGE,
    StoreError: EXIT_FAILED,
    AuditError: EXIT_FAILED,
    RedactError: EXIT_FAILED,
    ZeefError: EXIT_FAILED,
}


def exit_code_for(exc: ZeefError) -> int:
    for cls in type(exc).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_FAILED


class CommandError(InvalidInput):
    """A one-line error for the user; exit code 2."""


def _print_json_line(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _load_case(path: str | None):
    if path is None:
        return None
    from zeef.domain.case import load_case
    from zeef.domain.errors import CaseFileError

    try:
        return load_case(path)
    except CaseFileError as exc:
        raise CaseFileError(f"bad case file {path}: {exc}") from None


def cmd_classify(args: argparse.Namespace) -> int:
    case = _load_case(args.case)
    from zeef.pipeline.classify import _unreadable, classify_path
    from zeef.pipeline.display import strip_controls
    from zeef.pipeline.extract import FileMissing, NotAFile, check_file

    refused = 0
    for file in args.files:
        shown = strip_controls(file)
        try:
            check_file(file)
        except FileMissing:
            # Still a line (and the run goes on), but a missing file is bad input: say so
            # on stderr and end with a non-zero exit.
            refused += 1
            print(f"zeef: error: no such file: {shown}", file=sys.stderr)
        except NotAFile:  # a folder, FIFO, device: refused unread, the same way
            refused += 1
            print(f"zeef: error: not a regular file: {shown}", file=sys.stderr)
        except ZeefError:
            pass  # cannot be opened: its line says so
        try:
            result = classify_path(file, case)
        except Exception as exc:  # a bug must not stop the batch, nor leak content
            logging.getLogger("zeef").error(
                "internal error classifying a document: %s", type(exc).__name__
            )
            result = _unreadable(file, "", f"internal error ({type(exc).__name__})")
        _print_json_line(result.to_json())
    return EXIT_FAILED if refused else EXIT_OK


def cmd_redact(args: argparse.Namespace) -> int:
    case = _load_case(args.case)
    from zeef.pipeline.extract import FileMissing, NotAFile, check_file

    try:
        check_file(args.file)
    except FileMissing:
        raise CommandError(f"no such file: {args.file}") from None
    except NotAFile:
        raise CommandError(f"not a regular file: {args.file}") from None
    except ZeefError:
        pass  # cannot be opened: redact_file says so
    from zeef.pipeline.redact import redact_file

    try:
        result = redact_file(
            args.file, case, args.out, keep_professionals=not args.redact_professionals
        )
    except RedactError as exc:
        print(f"zeef: error: cannot redact {args.file}: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except OSError as exc:  # --out checked first; this is a race or a full disk
        print(f"zeef: error: cannot write {args.out} ({exc.strerror})", file=sys.stderr)
        return EXIT_FAILED
    _print_json_line(result.to_json())
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from zeef.pipeline.evaluate import evaluate_folder, format_report

    report = evaluate_folder(Path(args.dir), limit=args.limit)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return EXIT_OK


def cmd_corpus_generate(args: argparse.Namespace) -> int:
    # The generator is not part of zeef: a separate distribution in the repository.
    try:
        from zeef_corpus.generate import generate_corpus
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] != "zeef_corpus":
            raise CommandError(  # installed, but one of its libraries is missing
                "the corpus generator is not installed completely: pip install -e corpus/ "
                f"(from the repository): {exc.name} is missing"
            ) from None
        raise CommandError(
            "the corpus generator is not installed: pip install -e corpus/ (from the repository)"
        ) from None
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    try:
        out = generate_corpus(
            Path(args.out), n_per_category=args.per_category, seed=args.seed, formats=formats
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    print(json.dumps({"corpus": str(out)}))
    return EXIT_OK


def _store(args: argparse.Namespace):
    """The store: a bad URL or missing S3 variables are bad input (StoreConfigError,
    exit 2); a server that cannot be reached is a StoreError (exit 1)."""
    from zeef.storage import open_store

    return open_store(args.store)


def _registered(store, case_id: str):
    from zeef.pipeline.registry import load_registered

    return load_registered(store, case_id)


def cmd_cases_add(args: argparse.Namespace) -> int:
    from zeef.pipeline.audit import AuditTrail
    from zeef.pipeline.registry import register_case
    from zeef.storage.lock import case_lock

    store = _store(args)
    for path in args.case_files:
        case = _load_case(path)
        with case_lock(store, case.case_id):  # one writer per case, ingest included
            trail = AuditTrail(store, case.case_id)
            trail.check()
            change = register_case(store, case)
            if change != "unchanged":
                event = "case_registered" if change == "registered" else "case_updated"
                trail.append(event=event, actor="cli")
        _print_json_line({"case_id": case.case_id, "status": change})
    return EXIT_OK


def _refuse_store_folder(store, paths: list[str]) -> None:
    """A path to ingest that is the local store's folder, lies inside it or holds it
    would feed the store's own objects back into it: refused (exit 2)."""
    root = getattr(store, "root", None)
    if root is None:  # S3: nothing on this disk to protect
        return
    root = Path(root).resolve()
    for given in paths:
        path = Path(given).resolve()
        if path == root or path.is_relative_to(root) or root.is_relative_to(path):
            raise CommandError(
                f"will not ingest the store's own folder (or one holding it): {given}"
            )


def cmd_ingest(args: argparse.Namespace) -> int:
    if not args.case and not args.case_id:
        raise CommandError("give --case CASE.json or --case-id CASE_ID")
    store = _store(args)
    _refuse_store_folder(store, args.paths)
    case = _load_case(args.case) if args.case else _registered(store, args.case_id)
    from zeef.pipeline import inputs
    from zeef.pipeline.display import strip_controls
    from zeef.pipeline.ingest import ingest_paths

    try:
        summary = ingest_paths(store, case, args.paths)
    except StoreError as exc:
        print(
            f"zeef: error: {exc}; what was stored stays stored, run again to complete",
            file=sys.stderr,
        )
        return exit_code_for(exc)
    print(json.dumps(summary, ensure_ascii=False, indent=None))
    # One line per path refused (exit 1) or link skipped (a warning), as given.
    refused = False
    for error in summary["errors"]:
        shown = strip_controls(error["file"])
        if error["error"] in inputs.REFUSED:
            refused = True
            print(f"zeef: error: {error['error']}: {shown}", file=sys.stderr)
        elif error["error"] in inputs.WARNINGS:
            print(f"zeef: warning: {error['error']}: {shown}", file=sys.stderr)
    return EXIT_FAILED if refused else EXIT_OK


def _purpose(args: argparse.Namespace) -> str:
    from zeef.pipeline.access import PURPOSES

    if args.purpose not in PURPOSES:
        raise CommandError(f"--purpose: one of {', '.join(PURPOSES)}")
    return args.purpose


def cmd_dossier(args: argparse.Namespace) -> int:
    from zeef.pipeline import access
    from zeef.pipeline.dossier import dossier_lines

    store = _store(args)
    actor = _user(args)
    if args.for_case:
        # Another case of the same subject, read for `--for`: only where the law allows
        # it; allowed or refused, both cases' audit trails record the attempt.
        from zeef.pipeline.reuse import read_other_dossier

        lines = read_other_dossier(
            store, args.case_id, for_case=args.for_case, purpose=args.purpose, actor=actor,
            reason=args.reason,
        )  # fmt: skip
        for line in lines:
            _print_json_line(line)
        return EXIT_OK
    purpose = _purpose(args)
    _registered(store, args.case_id)
    # Every listing is in the case's audit trail (who, why) before anything is shown.
    access.record_listing(store, args.case_id, actor=actor, role=access.CLI_ROLE,
                          purpose=purpose)  # fmt: skip
    for line in dossier_lines(store, args.case_id):
        _print_json_line(line)
    return EXIT_OK


def cmd_audit_access(args: argparse.Namespace) -> int:
    """Every person's event on the case: views, listings, refusals, decisions."""
    from zeef.pipeline import access

    store = _store(args)
    _registered(store, args.case_id)
    since = _date_arg(args.since, "--since") if args.since else None
    for line in access.report(store, args.case_id, since):
        _print_json_line(line)
    return EXIT_OK


def cmd_review_list(args: argparse.Namespace) -> int:
    import datetime as dt

    from zeef.pipeline.review_queue import waiting

    store = _store(args)
    if args.case_id:
        _registered(store, args.case_id)
    try:
        today = dt.date.fromisoformat(args.now) if args.now else None
    except ValueError:
        raise CommandError("--now: not a date (YYYY-MM-DD)") from None
    for line in waiting(store, args.case_id, today):
        _print_json_line(line)
    return EXIT_OK


def _password_from_stdin() -> str:
    """The password: one line of standard input, or asked twice on a terminal."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise CommandError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_users(args: argparse.Namespace) -> int:
    from zeef.pipeline import accounts

    store = _store(args)
    if args.users_command == "list":
        for user in accounts.all_users(store):
            _print_json_line(user.public())
        return EXIT_OK
    if args.users_command == "add":
        user = accounts.add(store, args.name, args.role, _password_from_stdin())
    elif args.users_command == "passwd":
        user = accounts.set_password(store, args.name, _password_from_stdin())
    else:
        user = accounts.disable(store, args.name)
    _print_json_line(user.public())
    return EXIT_OK


def cmd_review_serve(args: argparse.Namespace) -> int:
    import os

    try:
        import uvicorn

        from zeef.web.app import create_app
    except ImportError:
        raise CommandError(
            "the web app needs its extra: pip install 'zeef[web]'"
        ) from None
    store = _store(args)
    local = args.host in ("127.0.0.1", "localhost", "::1")
    secure = os.environ.get("ZEEF_WEB_SECURE_COOKIES", "0" if local else "1") != "0"
    try:
        app = create_app(store, secret=os.environ.get("ZEEF_WEB_SECRET"), secure_cookies=secure)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    print(f"zeef: serving the review app on http://{args.host}:{args.port}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                server_header=False)  # fmt: skip
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from zeef.pipeline.audit import AuditTrail

    store = _store(args)
    _registered(store, args.case_id)
    result = AuditTrail(store, args.case_id).verify()
    _print_json_line({"case_id": args.case_id, **dataclasses.asdict(result)})
    return EXIT_OK if result.ok else EXIT_FAILED


INZAGE_ACTIONS = ("request", "extend", "status", "consent", "informed", "prepare", "release",
                  "reject")  # fmt: skip


def _date_arg(value: str | None, flag: str):
    import datetime as dt

    if value is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{flag}: not a date (YYYY-MM-DD)") from None


def _user(args: argparse.Namespace) -> str:
    import getpass

    from zeef.pipeline.inzage.flow import actor_id

    try:
        default = getpass.getuser()
    except (KeyError, OSError):
        default = "cli"
    return actor_id(args.by or default)


def cmd_inzage(args: argparse.Namespace) -> int:
    """`zeef inzage CASE_ID --out DIR` builds the package; `zeef inzage ACTION CASE_ID`
    takes one step of a request (see docs/inzage.md)."""
    words = args.words
    if len(words) == 1 and words[0] not in INZAGE_ACTIONS:
        return _inzage_package(args, words[0])
    if len(words) != 2 or words[0] not in INZAGE_ACTIONS:
        raise CommandError(
            "usage: zeef inzage CASE_ID --out DIR, or zeef inzage "
            f"{{{','.join(INZAGE_ACTIONS)}}} CASE_ID"
        )
    action, case_id = words
    store = _store(args)
    from zeef.pipeline.inzage import flow, investigation, request

    _registered(store, case_id)
    if action == "status":
        _print_json_line(flow.status(store, case_id, _date_arg(args.now, "--now")))
        return EXIT_OK
    if action == "prepare":
        _print_json_line(flow.prepare(store, case_id, actor=_user(args)))
        return EXIT_OK
    if action == "release":
        _print_json_line(flow.release(store, case_id, approver=_user(args)))
        return EXIT_OK
    if action == "reject":
        _print_json_line(
            flow.reject(store, case_id, approver=_user(args), reason=args.reason or "")
        )
        return EXIT_OK
    user = _user(args)
    if action == "consent":
        out = flow.record_consent(
            store, case_id, args.person or "", args.decision or "", by=user,
            on=_date_arg(args.on, "--on"), outweighed=args.outweighed,
            weighing=args.weighing or "",
        )  # fmt: skip
        _print_json_line(out)  # never the person
        return EXIT_OK
    from zeef.pipeline.audit import AuditTrail
    from zeef.storage.lock import case_lock

    with case_lock(store, case_id):
        trail = AuditTrail(store, case_id)
        trail.check()
        if action == "request":
            found = request.register(store, case_id, _date_arg(args.received, "--received"))
            trail.append(event="inzage_requested", reason="avg_art_15", actor=user)
            out = {"case_id": case_id, **found.to_json()}
        elif action == "extend":
            found = request.extend(store, case_id, args.reason or "")
            trail.append(event="inzage_extended", reason=found.extension_reason, actor=user)
            out = {"case_id": case_id, **found.to_json()}
        else:  # informed
            noted = investigation.note_informed(store, case_id, _date_arg(args.on, "--on"))
            trail.append(event="subject_informed_of_investigation", actor=user)
            out = {"case_id": case_id, "investigation": noted.to_json()}
    _print_json_line(out)
    return EXIT_OK


def _inzage_package(args: argparse.Namespace, case_id: str) -> int:
    if not args.out:
        raise CommandError("zeef inzage CASE_ID needs --out DIR")
    from zeef.pipeline.inzage.flow import build_package
    from zeef.pipeline.inzage.package import (
        InzageRefused,
        check_out_dir,
        refusal_name,
        write_to_dir,
    )

    out = Path(args.out)
    check_out_dir(out)  # before any work
    store = _store(args)
    try:
        package = build_package(store, case_id, actor=_user(args))
    except InzageRefused as exc:
        write_to_dir({refusal_name(case_id): exc.letter}, out)
        print(f"zeef: {exc}; the refusal letter is in {out}", file=sys.stderr)
        return EXIT_REFUSED
    write_to_dir(package.files, out)
    _print_json_line({**package.summary(), "out": str(out)})
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zeef",
        description="Keeps Dutch social-domain case dossiers as small as the law requires.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (TOML: [municipality], [limits]); default: $ZEEF_CONFIG",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("classify", help="classify documents; prints JSON Lines")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--case", metavar="CASE.json", help="the case file (subject, law, policy)")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("redact", help="copy a document with every third party removed")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--case", metavar="CASE.json", required=True)
    p.add_argument("--out", metavar="OUT", required=True)
    p.add_argument(
        "--redact-professionals",
        action="store_true",
        help="also remove professionals acting in their role (kept by default)",
    )
    p.set_defaults(func=cmd_redact)

    p = sub.add_parser("evaluate", help="score classification on a labelled folder")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--limit", type=int, default=None, help="evaluate only the first N documents")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("corpus", help="synthetic Dutch corpus with ground truth")
    corpus_sub = p.add_subparsers(dest="corpus_command", required=True)
    g = corpus_sub.add_parser("generate", help="write a labelled synthetic corpus")
    g.add_argument("out", metavar="OUT")
    g.add_argument("--per-category", type=int, default=25)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument(
        "--formats",
        default="txt,pdf,docx,eml",
        help="comma-separated: txt, pdf, docx, eml (the default) and scan, png, jpg "
        "(scans and photos, made by OCR-able rendering with noise, skew and turns)",
    )
    g.set_defaults(func=cmd_corpus_generate)

    store_help = "folder path or s3://BUCKET (default: $ZEEF_STORE, else ./zeef-data)"

    p = sub.add_parser("cases", help="the case registry")
    cases_sub = p.add_subparsers(dest="cases_command", required=True)
    g = cases_sub.add_parser("add", help="register (or update) cases from case files")
    g.add_argument("case_files", nargs="+", metavar="CASE.json")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_cases_add)

    p = sub.add_parser("ingest", help="read, classify, route and store documents of a case")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, .eml messages")
    p.add_argument("--case", metavar="CASE.json", help="the case file (registered on the fly)")
    p.add_argument("--case-id", metavar="CASE_ID", help="a case registered earlier")
    p.add_argument("--store", metavar="URL", help=store_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("dossier", help="what a case's dossier holds (JSON Lines)")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("--actor", dest="by", metavar="USER",
                   help="who reads it (default: the login); recorded in the audit trail")
    p.add_argument("--purpose", default="case_handling",
                   help="why (recorded): case_handling (default), objection, supervision, "
                   "inspection, ...")  # fmt: skip
    p.add_argument("--for", dest="for_case", metavar="CASE_ID",
                   help="read it for another case of the same subject (the law decides)")
    p.add_argument("--reason", help="with --for under the Participatiewet: the concrete reason")
    p.add_argument("--store", metavar="URL", help=store_help)
    p.set_defaults(func=cmd_dossier)

    p = sub.add_parser("review", help="what waits for a reviewer")
    review_sub = p.add_subparsers(dest="review_command", required=True)
    g = review_sub.add_parser(
        "list", help="documents waiting in review, with deadline and overdue (JSON Lines)"
    )
    g.add_argument("--case", dest="case_id", metavar="CASE_ID", help="one case only")
    g.add_argument("--now", metavar="YYYY-MM-DD", help="the date to judge deadlines by")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_review_list)
    g = review_sub.add_parser("serve", help="the reviewers' web app (docs/review.md)")
    g.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    g.add_argument("--port", type=int, default=8080, help="port (8080)")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_review_serve)

    p = sub.add_parser("users", help="the web app's accounts")
    users_sub = p.add_subparsers(dest="users_command", required=True)
    g = users_sub.add_parser("add", help="add an account; the password is read from stdin")
    g.add_argument("name", metavar="NAME")
    g.add_argument("--role", required=True,
                   choices=("reviewer", "medical_adviser", "privacy_officer", "admin"))  # fmt: skip
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_users)
    g = users_sub.add_parser("passwd", help="a new password (from stdin); enables the account")
    g.add_argument("name", metavar="NAME")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_users)
    g = users_sub.add_parser("disable", help="the account can no longer sign in")
    g.add_argument("name", metavar="NAME")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_users)
    g = users_sub.add_parser("list", help="the accounts (JSON Lines: name, role, disabled)")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_users)

    p = sub.add_parser(
        "inzage",
        help="inspection requests: the package (CASE_ID --out DIR) and its steps",
        description="zeef inzage CASE_ID --out DIR builds the inspection package; "
        "zeef inzage ACTION CASE_ID takes a step: request, extend, status, consent, "
        "informed, prepare, release, reject.",
    )
    p.add_argument("words", nargs="+", metavar="[ACTION] CASE_ID")
    p.add_argument("--out", metavar="DIR", help="the package's folder (new or empty)")
    p.add_argument("--by", metavar="USER", help="who takes the step (default: the login)")
    p.add_argument("--received", metavar="YYYY-MM-DD", help="request: when it came in")
    p.add_argument("--reason", help="extend: complex or many_requests; reject: why")
    p.add_argument("--person", metavar="NAME", help="consent: the third party's name")
    p.add_argument("--decision", choices=("consent", "refusal"), help="consent: the answer")
    p.add_argument("--outweighed", action="store_true",
                   help="consent: the subject's interest outweighs the refusal")  # fmt: skip
    p.add_argument("--weighing", help="consent: the privacy officer's considerations")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="consent, informed: the date")
    p.add_argument("--now", metavar="YYYY-MM-DD", help="status: the date to judge by")
    p.add_argument("--store", metavar="URL", help=store_help)
    p.set_defaults(func=cmd_inzage)

    p = sub.add_parser("audit", help="the audit trail")
    audit_sub = p.add_subparsers(dest="audit_command", required=True)
    g = audit_sub.add_parser("verify", help="check a case's hash chain; exit 1 when broken")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_audit_verify)
    g = audit_sub.add_parser("access", help="who read or decided what in a case (JSON Lines)")
    g.add_argument("case_id", metavar="CASE_ID")
    g.add_argument("--since", metavar="YYYY-MM-DD", help="only events from this day on")
    g.add_argument("--store", metavar="URL", help=store_help)
    g.set_defaults(func=cmd_audit_access)

    from zeef.cli import case_life

    case_life.register(sub, store_help, cases_sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Presidio logs each recognizer it loads, and tldextract would try the network.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    try:
        # Settings are read and validated once, before any work: a bad file is one line.
        from zeef.domain import settings

        settings.use(settings.load_settings(args.config) if args.config else None)
        settings.current()
        return args.func(args)
    except ZeefError as exc:
        print(f"zeef: error: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `zeef dossier ... | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
