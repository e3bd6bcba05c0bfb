"""The hostile suite's benchmark report: the real `zeef` command on hostile and careless
input, with its time and peak memory. Prints figures (one JSON object per probe, then a
summary line); never fails.

    python bench/hostile_bench.py [--quick] [--timeout SECONDS]

Every input is built in a temporary folder (by a child process running this script with
`--build`, reusing the test makers: tests/makers.py, tests/redact/pdf_makers.py and the
helpers of tests/hostile/). Each probe then runs `zeef` in a child process of its own, in
its own process group, killed at a deadline; its peak resident set comes from
`os.wait4`'s rusage (the child and the helpers it waited for, such as Tesseract).
Probes:
- a FIFO, and a link to /dev/zero: refused unread;
- a sparse file of 400 MiB with `[limits] max_file_bytes` at 64 MiB: hashed, review;
- a PDF with a FreeText annotation and a filled form field naming third parties;
- a PDF whose 40 pages draw one ~10 MB content stream (token bomb): "PDF content too large";
- a PDF carrying an ID card scan and a GP's letter as embedded files (OCR);
- a Word file with ~100 MB of document.xml (streamed into the zip): "DOCX text too large";
- a Word file with an XXE DOCTYPE (file:///etc/passwd, a local file, a parameter entity);
- an e-mail with a Word attachment holding a picture of an ID card (OCR);
- an 800 KB text naming thousands of distinct people, and the same with
  `[limits] document_seconds = 2` (classify: review with `time_budget`; redact: refused);
- a case file nested 100,000 deep (exit 2);
- an ingest of a folder holding a symlink to /etc/passwd (skipped with a warning).
Each probe is `zeef classify`, and `zeef redact` where it makes sense (ingest for the link).

Per probe: `{"probe", "command", "seconds", "peak_rss_mib", "exit", "outcome"}`; `exit`
is null when the probe was killed at its deadline; `outcome` is the disposition, reasons
and counts, or the stderr line (fixed phrases; never document content; the temporary
folder shown as `$TMP`). The summary gives the largest time and peak RSS, and every probe
whose exit or outcome was not what docs/security.md promises (`unexpected`).

`--quick` skips the slowest probes (the 800 KB text without a budget, the 100 MB Word
file). A child's peak RSS can never be below this process's own resident set when it was
started (Linux counts the pages of the parent at fork): this process imports only the
standard library, and the summary gives its peak (`bench_rss_mib`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MiB = 2**20
AS_LIMIT = 8 * 2**30  # each child's address space: an unbounded read stops here
XXE_MARKER = "GEHEIM-7c1e"  # in a local file an XXE entity names; must never be read

CASE_FATIMA = {  # the subject of tests/redact/pdf_makers.py and test_hostile_time.py
    "case_id": "bench-hostile-1",
    "law": "participatiewet",
    "subject": {
        "name": "Fatima el Amrani",
        "bsn": "111222333",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
}
CASE_ANNA = {  # the holder of the ID card in tests/hostile/test_hostile_containers.py
    "case_id": "bench-hostile-2",
    "law": "wmo",
    "subject": {"name": "Anna de Vries"},
}


# --- building the inputs (in a child process: the makers import a lot) -------------------


def _docx_with_document_xml(make_docx, target: Path, megabytes: int) -> None:
    """A Word file whose word/document.xml is about `megabytes` MiB of runs naming a
    person, streamed into the zip (a few MiB on disk)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as source:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                if item.filename != "word/document.xml":
                    out.writestr(item, source.read(item.filename))
            with out.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body>')  # fmt: skip
                run = b"<w:r><w:rPr><w:b/></w:rPr><w:t>Jan de Vries woont hier. </w:t></w:r>"
                chunk = (b"<w:p>" + run * 4 + b"</w:p>") * 4096
                for _ in range(megabytes * MiB // len(chunk)):
                    stream.write(chunk)
                stream.write(b"</w:body></w:document>")


def _xxe_docx(make_docx, folder: Path) -> bytes:
    import io
    import zipfile

    secret = folder / "geheim.txt"
    secret.write_text(XXE_MARKER)
    dtd = folder / "p.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}">')
    doctype = (
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY pw SYSTEM "file:///etc/passwd">'
        f'<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>'
    )
    body = (
        "<w:p><w:r><w:t>Aanvraag bijzondere bijstand van Fatima el Amrani.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Voor &xxe; midden &pw; na &leak; einde.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Mijn buurman Gerrit de Wit helpt mij.</w:t></w:r></w:p>"
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>' + doctype + "<w:document "
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as source:
        with zipfile.ZipFile(buf, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                target.writestr(item, xml if item.filename == "word/document.xml" else content)
    return buf.getvalue()


def _email_with_id_docx(docx_with_picture, card, application: str) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"] = "anna@example.nl", "wmo@gemeente.example"
    message["Subject"], message["Message-ID"] = "Stukken", "<1@example.nl>"
    message.set_content("Beste,\n\nIn de bijlage mijn aanvraag.\n")
    message.add_attachment(docx_with_picture(card(), text=application), maintype="application",
                           subtype="octet-stream", filename="aanvraag.docx")  # fmt: skip
    return message.as_bytes()


def build(folder: Path, quick: bool) -> dict[str, str]:
    """Write every input into `folder`; returns {input: error} for those that could not
    be built (their probes report it)."""
    for sub in ("tests", "tests/redact", "tests/hostile"):
        sys.path.insert(0, str(ROOT / sub))
    failed: dict[str, str] = {}

    def make(name: str, work) -> None:
        try:
            work()
        except Exception as exc:  # reported by the probes that need it
            failed[name] = f"{type(exc).__name__}: {exc}"[:200]
            traceback.print_exc(file=sys.stderr)

    (folder / "case-fatima.json").write_text(json.dumps(CASE_FATIMA))
    (folder / "case-anna.json").write_text(json.dumps(CASE_ANNA))
    (folder / "limits-64mib.toml").write_text(f"[limits]\nmax_file_bytes = {64 * MiB}\n")
    (folder / "budget-2s.toml").write_text("[limits]\ndocument_seconds = 2\n")
    (folder / "short.txt").write_text("Geachte heer, mevrouw,\nHierbij mijn aanvraag.\n")
    make("fifo", lambda: os.mkfifo(folder / "fifo"))
    make("zero.txt", lambda: os.symlink("/dev/zero", folder / "zero.txt"))

    def sparse() -> None:
        with (folder / "sparse.bin").open("wb") as f:
            f.truncate(400 * MiB)

    make("sparse.bin", sparse)

    def pdfs() -> None:
        import pdf_makers as mk

        (folder / "annotations.pdf").write_bytes(mk.annotations_pdf())
        (folder / "token-bomb.pdf").write_bytes(mk.shared_content_pdf(40, 10 * 1024 * 1024))

    make("annotations.pdf", pdfs)
    if "annotations.pdf" in failed:
        failed["token-bomb.pdf"] = failed["annotations.pdf"]

    def containers() -> None:
        import test_hostile_containers as hc

        data = hc.pdf_with_files([("paspoort.png", hc.card())],
                                 [("huisarts.txt", hc.medical_letter())])  # fmt: skip
        (folder / "embedded.pdf").write_bytes(data)
        mail = _email_with_id_docx(hc.docx_with_picture, hc.card, hc.APPLICATION)
        (folder / "mail.eml").write_bytes(mail)

    make("embedded.pdf", containers)
    if "embedded.pdf" in failed:
        failed["mail.eml"] = failed["embedded.pdf"]

    def words() -> None:
        from makers import make_docx

        (folder / "xxe.docx").write_bytes(_xxe_docx(make_docx, folder))
        if not quick:
            _docx_with_document_xml(make_docx, folder / "big-xml.docx", 100)

    make("xxe.docx", words)
    if "xxe.docx" in failed:
        failed["big-xml.docx"] = failed["xxe.docx"]

    def names() -> None:
        from test_hostile_time import many_names

        (folder / "names-800k.txt").write_text(many_names(800_000), encoding="utf-8")

    make("names-800k.txt", names)
    make("deep.json", lambda: (folder / "deep.json").write_bytes(
        b"[" * 100_000 + b"]" * 100_000))  # fmt: skip

    def linked_folder() -> None:
        inbox = folder / "inbox"
        inbox.mkdir()
        (inbox / "aanvraag.txt").write_text(
            "Aanvraag bijzondere bijstand\nHierbij vraag ik bijzondere bijstand aan voor een "
            "nieuwe koelkast.\nNaam: Fatima el Amrani\n"
        )
        os.symlink("/etc/passwd", inbox / "passwd.txt")

    make("inbox", linked_folder)
    return failed


# --- running a probe ---------------------------------------------------------------------


@dataclass
class Probe:
    name: str
    args: list[str]  # after `zeef`; "@T" stands for the temporary folder
    needs: list[str]  # inputs (from the build) this probe reads
    expect_exit: set[int]
    expect_text: str = ""  # a phrase the outcome must hold (as JSON)
    slow: bool = False
    timeout: float = 120.0
    check: str = ""  # an extra look at what the command wrote (never printed as content)
    extra: dict = field(default_factory=dict)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def run_zeef(zeef: str, args: list[str], cwd: Path, timeout: float, out, err):
    """`zeef ARGS` in its own process group, killed at the deadline: (exit code or None,
    seconds, peak RSS of the child in bytes)."""
    started = time.monotonic()
    child = subprocess.Popen(
        [zeef, *args], cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
        start_new_session=True, preexec_fn=_limit_memory,
    )  # fmt: skip
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() > deadline:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, _, usage = os.wait4(child.pid, 0)
            code = None
            break
        time.sleep(0.02)
    seconds = time.monotonic() - started
    child.returncode = code if code is not None else -9  # reaped here, not by Popen
    return code, seconds, usage.ru_maxrss * 1024


_FINDINGS = re.compile(r'"findings": \[[^\]]*\]')
_TMP = "$TMP"


def _counts(line: str) -> dict:
    """Counts over a classify line's findings (its parts' too), from the text: a line can
    be megabytes, and this process must stay small."""
    roles = {}
    for role in ("subject", "third_party", "professional", "unknown"):
        n = line.count(f'"role": "{role}"')
        if n:
            roles[role] = n
    return {"findings": line.count('"start": '), "roles": roles}


def _classified(line: str) -> dict:
    counts = _counts(line)
    obj = json.loads(_FINDINGS.sub('"findings": []', line))
    out = {k: obj[k] for k in ("category", "disposition", "reasons", "error") if k in obj}
    out["id_document"] = obj.get("id_document") is not None  # never the number
    out.update(counts)
    if obj.get("parts"):
        out["parts"] = _parts(obj["parts"])
    return out


def _parts(parts: list[dict]) -> list[dict]:
    """Each part's decision (its name is masked by zeef), parts in parts too."""
    out = []
    for p in parts:
        row = {k: p[k] for k in ("part", "category", "disposition", "reasons", "error") if k in p}
        row["id_document"] = p.get("id_document") is not None
        if p.get("parts"):
            row["parts"] = _parts(p["parts"])
        out.append(row)
    return out


def _stderr_lines(text: str, tmp: str) -> list[str]:
    if "Traceback" in text:  # the exception's type only: its message could hold anything
        last = text.strip().splitlines()[-1]
        return [f"traceback: {last.split(':', 1)[0]}"]
    return [line.replace(tmp, _TMP) for line in text.splitlines() if line.startswith("zeef:")]


def outcome_of(probe: Probe, stdout_path: Path, stderr: str, tmp: Path) -> dict | str:
    """What the command decided: its JSON (counts, dispositions, reasons; no content),
    else its stderr line."""
    command = next((a for a in probe.args if a in ("classify", "redact", "ingest")), "")
    result: dict = {}
    lines = _stderr_lines(stderr, str(tmp))
    with stdout_path.open(encoding="utf-8", errors="replace") as stdout:
        for line in stdout:
            if not line.strip():
                continue
            try:
                if command == "classify":
                    result.setdefault("results", []).append(_classified(line))
                elif command == "redact":
                    obj = json.loads(line)
                    result.update({k: obj[k] for k in ("media_type", "replacements",
                                                       "third_parties") if k in obj})  # fmt: skip
                elif command == "ingest":
                    obj = json.loads(line)
                    result["counts"] = obj.get("counts")
                    result["documents"] = [
                        {k: d[k] for k in ("category", "disposition", "reasons", "error") if k in d}
                        for d in obj.get("documents", [])
                    ]
                    result["errors"] = [
                        {"file": str(e.get("file", "")).replace(str(tmp), _TMP),
                         "error": e.get("error")} for e in obj.get("errors", [])
                    ]  # fmt: skip
            except (ValueError, KeyError, TypeError) as exc:
                result["unparsed_output"] = type(exc).__name__
    if len(result.get("results", [])) == 1:
        result.update(result.pop("results")[0])
    if lines:
        result["stderr"] = lines[0] if len(lines) == 1 else lines
    if not result:
        return "(no output)"
    if set(result) == {"stderr"} and isinstance(result["stderr"], str):
        return result["stderr"]
    return result


def extra_check(probe: Probe, tmp: Path) -> dict:
    """A look at what the command wrote, reported as yes/no, never as content."""
    if probe.check == "xxe":
        out = tmp / "out" / (probe.name.replace("/", "-") + ".txt")
        if not out.exists():
            return {"copy_written": False}
        text = out.read_text(encoding="utf-8", errors="replace")
        return {"copy_written": True, "xxe_text_in_copy": XXE_MARKER in text or "root:" in text}
    if probe.check == "pdf-copy":
        out = tmp / "out" / (probe.name.replace("/", "-") + ".pdf")
        if not out.exists():
            return {"copy_written": False}
        data = out.read_bytes()
        return {"copy_written": True, "embedded_files_in_copy": b"/EmbeddedFiles" in data
                or b"/EmbeddedFile" in data}  # fmt: skip
    if probe.check == "store":
        found = False
        for path in (tmp / "store").rglob("*"):
            if path.is_file() and path.stat().st_size < 16 * MiB:
                found = found or b"root:" in path.read_bytes()
        return {"passwd_in_store": found}
    return {}


def probes(timeout: float) -> list[Probe]:
    """The probes: name, the command line after `zeef` (@T the temporary folder, @F and @A
    the two case files, @L and @B the two settings files, @O the redacted copy), the input
    it needs, the exit codes and a phrase docs/security.md promise."""
    words = {
        "@F": "--case @T/case-fatima.json",
        "@A": "--case @T/case-anna.json",
        "@L": "--config @T/limits-64mib.toml",
        "@B": "--config @T/budget-2s.toml",
    }
    refused, t, long = "not a regular file", timeout, max(timeout, 180.0)
    table = [  # name, command, needs, exits, phrase, options
        ("fifo/classify", "classify @T/fifo", "fifo", {1}, refused, {"timeout": 30}),
        ("fifo/redact", "redact @T/fifo @F @O.txt", "fifo", {1, 2}, refused,
         {"timeout": 30}),
        ("dev-zero-link/classify", "classify @T/zero.txt", "zero.txt", {1}, refused,
         {"timeout": 30}),
        ("dev-zero-link/redact", "redact @T/zero.txt @F @O.txt", "zero.txt", {1, 2},
         refused, {"timeout": 30}),
        ("sparse-400MiB-limit-64MiB/classify", "@L classify @T/sparse.bin",
         "sparse.bin", {0}, "file_too_large", {}),
        ("sparse-400MiB-limit-64MiB/redact", "@L redact @T/sparse.bin @F @O.txt",
         "sparse.bin", {1, 2}, "too large", {}),
        ("pdf-annotation-form-field/classify", "classify @T/annotations.pdf @F",
         "annotations.pdf", {0}, '"third_party"', {}),
        ("pdf-annotation-form-field/redact", "redact @T/annotations.pdf @F @O.pdf",
         "annotations.pdf", {0}, '"replacements"', {}),
        ("pdf-token-bomb-40x10MB/classify", "classify @T/token-bomb.pdf @F",
         "token-bomb.pdf", {0}, "PDF content too large", {}),
        ("pdf-token-bomb-40x10MB/redact", "redact @T/token-bomb.pdf @F @O.pdf",
         "token-bomb.pdf", {1}, "PDF content too large", {}),
        ("pdf-embedded-id-card-medical-letter/classify", "classify @T/embedded.pdf @A",
         "embedded.pdf", {0}, '"id_copy"', {}),
        ("pdf-embedded-id-card-medical-letter/redact", "redact @T/embedded.pdf @A @O.pdf",
         "embedded.pdf", {0}, "", {"check": "pdf-copy"}),
        ("docx-100MiB-document-xml/classify", "classify @T/big-xml.docx @F",
         "big-xml.docx", {0}, "DOCX text too large", {"slow": True}),
        ("docx-100MiB-document-xml/redact", "redact @T/big-xml.docx @F @O.txt",
         "big-xml.docx", {1}, "DOCX text too large", {"slow": True}),
        ("docx-xxe-doctype/classify", "classify @T/xxe.docx @F", "xxe.docx", {0}, "",
         {}),
        ("docx-xxe-doctype/redact", "redact @T/xxe.docx @F @O.txt", "xxe.docx", {0},
         '"replacements"', {"check": "xxe"}),
        ("eml-docx-with-id-card/classify", "classify @T/mail.eml @A", "mail.eml", {0},
         '"id_copy"', {}),
        ("eml-docx-with-id-card/redact", "redact @T/mail.eml @A @O.txt", "mail.eml",
         {0}, "", {}),
        ("text-800KB-names/classify", "classify @T/names-800k.txt @F",
         "names-800k.txt", {0}, '"third_party"', {"slow": True, "timeout": long}),
        ("text-800KB-names/redact", "redact @T/names-800k.txt @F @O.txt",
         "names-800k.txt", {0}, '"replacements"', {"slow": True, "timeout": long}),
        ("text-800KB-names-budget-2s/classify", "@B classify @T/names-800k.txt @F",
         "names-800k.txt", {0}, "time_budget", {}),
        ("text-800KB-names-budget-2s/redact",
         "@B redact @T/names-800k.txt @F @O.txt", "names-800k.txt", {1},
         "time budget", {}),
        ("case-file-nested-100000/classify", "classify @T/short.txt --case @T/deep.json",
         "deep.json", {2}, "bad case file", {"timeout": 30}),
        ("ingest-folder-with-link-to-etc-passwd",
         "ingest @T/inbox @F --store @T/store", "inbox", {0},
         "skipped a link that leaves the folder", {"check": "store"}),
    ]  # fmt: skip
    out = []
    for name, command, needs, exits, phrase, options in table:
        for word, meaning in words.items():
            command = command.replace(word, meaning)
        command = command.replace("@O", "--out @T/out/" + name.replace("/", "-"))
        args = shlex.split(command)
        out.append(Probe(name, args, [needs], exits, phrase, **{"timeout": t, **options}))
    return out


def _rss_mib(nbytes: int) -> float:
    return round(nbytes / MiB, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the slowest probes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a probe")
    parser.add_argument("--build", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # the child that makes the inputs
        failed = build(Path(args.build), args.quick)
        print(json.dumps(failed))
        return 0

    zeef = str(Path(sys.executable).parent / "zeef")
    if not os.path.exists(zeef):
        zeef = shutil.which("zeef") or zeef
    started = time.monotonic()
    rows: list[dict] = []
    unexpected: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="zeef-hostile-") as name:
        tmp = Path(name)
        (tmp / "out").mkdir()
        built = time.monotonic()
        try:
            made = subprocess.run(
                [sys.executable, __file__, "--build", str(tmp), *(["--quick"] * args.quick)],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            failed = json.loads(made.stdout.strip().splitlines()[-1]) if made.stdout else {}
            if made.returncode:
                failed.setdefault("*", f"the build exited {made.returncode}")
        except (subprocess.TimeoutExpired, ValueError, IndexError) as exc:
            failed = {"*": f"the build failed: {type(exc).__name__}"}
        build_seconds = round(time.monotonic() - built, 1)
        for probe in probes(args.timeout):
            if args.quick and probe.slow:
                continue
            argv = [a.replace("@T", str(tmp)) for a in probe.args]
            shown = shlex.join(["zeef", *argv]).replace(str(tmp), _TMP)
            row: dict = {"probe": probe.name, "command": shown, "seconds": None,
                         "peak_rss_mib": None, "exit": None}  # fmt: skip
            missing = [n for n in probe.needs if n in failed or "*" in failed]
            try:
                if missing:
                    why = failed.get(missing[0], failed.get("*"))
                    row["outcome"] = f"input not built: {why}"
                    unexpected.append({"probe": probe.name, "why": "input not built"})
                    print(json.dumps(row, ensure_ascii=False), flush=True)
                    rows.append(row)
                    continue
                stdout_path = tmp / "stdout"
                with stdout_path.open("wb") as out, tempfile.TemporaryFile() as err:
                    code, seconds, rss = run_zeef(zeef, argv, tmp, probe.timeout, out, err)
                    err.seek(0)
                    stderr = err.read(256 * 1024).decode("utf-8", "replace")
                row.update(seconds=round(seconds, 2), peak_rss_mib=_rss_mib(rss), exit=code)
                if code is None:
                    row["outcome"] = f"killed at the deadline ({probe.timeout:.0f} s)"
                else:
                    outcome = outcome_of(probe, stdout_path, stderr, tmp)
                    checked = extra_check(probe, tmp)
                    if checked:
                        outcome = outcome if isinstance(outcome, dict) else {"stderr": outcome}
                        outcome.update(checked)
                    row["outcome"] = outcome
                stdout_path.unlink(missing_ok=True)
            except Exception as exc:  # the bench reports; it never fails
                row["outcome"] = f"bench error: {type(exc).__name__}"
            why = _judge(probe, row)
            if why:
                unexpected.append({"probe": probe.name, "why": why})
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    ran = [r for r in rows if r["seconds"] is not None]
    slowest = max(ran, key=lambda r: r["seconds"], default=None)
    biggest = max(ran, key=lambda r: r["peak_rss_mib"], default=None)
    summary = {
        "summary": "hostile_bench",
        "probes": len(rows),
        "quick": args.quick,
        "max_seconds": slowest["seconds"] if slowest else None,
        "max_seconds_probe": slowest["probe"] if slowest else None,
        "max_peak_rss_mib": biggest["peak_rss_mib"] if biggest else None,
        "max_peak_rss_probe": biggest["probe"] if biggest else None,
        "build_seconds": build_seconds,
        "total_seconds": round(time.monotonic() - started, 1),
        "bench_rss_mib": _rss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
        "unexpected": unexpected,
    }
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0


def _judge(probe: Probe, row: dict) -> str:
    """Why a probe did not do what docs/security.md says, or ""."""
    if row["exit"] is None:
        return str(row.get("outcome", "no exit"))
    if row["exit"] not in probe.expect_exit:
        said = row.get("outcome")
        said = said if isinstance(said, str) else (said or {}).get("stderr", "")
        return f"exit {row['exit']}, expected {sorted(probe.expect_exit)}" + (
            f": {said}" if said else ""
        )
    text = json.dumps(row.get("outcome"), ensure_ascii=False)
    if "traceback" in text or "bench error" in text:
        return "a traceback or a bench error"
    if probe.expect_text and probe.expect_text not in text:
        return f"no {probe.expect_text!r} in the outcome"
    outcome = row.get("outcome")
    if isinstance(outcome, dict):
        for key in ("xxe_text_in_copy", "embedded_files_in_copy", "passwd_in_store"):
            if outcome.get(key):
                return f"{key} is true"
    return ""


if __name__ == "__main__":
    try:
        code = main()
    except Exception as exc:  # never fails: say what broke, exit 0
        print(json.dumps({"summary": "hostile_bench", "bench_error": type(exc).__name__}))
        code = 0
    sys.exit(code)
