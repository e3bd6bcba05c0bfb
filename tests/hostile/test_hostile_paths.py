"""Hostile paths: what a file system can hand `zeef classify`, `ingest` and `redact`.

Real FIFOs, real links, `/dev/zero`, real (sparse) multi-gigabyte files, the store's own
folder, and `--out` pointing at a folder or at the citizen's original. Every command runs
in a child process with a deadline (a hang fails the test, it does not hang it), an
address-space limit (an unbounded read fails the child, not the machine) and its peak
memory measured (`os.wait4`).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import stat
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from makers import ZEEF

from zeef.storage.local import LocalStore

CASE = {
    "case_id": "2026-0777",
    "law": "participatiewet",
    "subject": {"name": "Fatima el Amrani", "bsn": "123456782"},
    "enforcement_investigation": False,
    "medical_policy": "return_to_sender",
}
APPLICATION = (
    "Aanvraag bijzondere bijstand\n"
    "Hierbij vraag ik bijzondere bijstand aan voor de kosten van een nieuwe koelkast.\n"
    "Naam: Fatima el Amrani\n"
)
GiB = 2**30
MiB = 2**20
AS_LIMIT = 6 * GiB  # the child's address space: an unbounded read stops here
RSS_BOUND = 1 * GiB  # loose: a child that read a big file whole is far above it


@dataclass
class Ran:
    returncode: int | None  # None: killed at the deadline
    stdout: str
    stderr: str
    rss: int  # the child's peak resident set, bytes

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines()]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def _high_water(pid: int) -> int:
    """The child's peak resident set so far (VmHWM, bytes), read while it runs. Not
    `wait4`'s ru_maxrss: that also counts the parent's memory at the fork, which under a
    full pytest run is larger than anything measured here."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(*args: str, cwd: Path, timeout: float = 120) -> Ran:
    """`zeef ARGS` in its own process group; killed (returncode None) at the deadline."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [ZEEF, *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_limit_memory,
        )
        deadline = time.monotonic() + timeout
        peak = 0
        while True:
            peak = max(peak, _high_water(child.pid))
            pid, status, _ = os.wait4(child.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.killpg(child.pid, signal.SIGKILL)
                os.wait4(child.pid, 0)
                code = None
                break
            time.sleep(0.02)
        child.returncode = code if code is not None else -9  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Ran(
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak,
        )


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "case.json").write_text(json.dumps(CASE))
    return tmp_path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(MiB):
            digest.update(block)
    return digest.hexdigest()


def limits(work: Path, max_file_bytes: int) -> Path:
    config = work / "zeef.toml"
    config.write_text(f"[limits]\nmax_file_bytes = {max_file_bytes}\n")
    return config


# -- classify -------------------------------------------------------------------------


def test_classify_refuses_a_fifo_without_waiting_for_a_writer(work):
    fifo = work / "pijp.pdf"
    os.mkfifo(fifo)
    (work / "aanvraag.txt").write_text(APPLICATION)
    ran = run("classify", "pijp.pdf", "aanvraag.txt", cwd=work, timeout=60)
    assert ran.returncode == 1, ran.stderr
    first, second = ran.lines()
    assert first["file"] == "pijp.pdf" and first["disposition"] == "review"
    assert first["error"] == "not a regular file" and first["sha256"] == ""
    assert second["file"] == "aanvraag.txt" and "error" not in second
    assert ran.stderr.splitlines() == ["zeef: error: not a regular file: pijp.pdf"]


def test_classify_refuses_dev_zero_and_a_link_to_it_unread(work):
    (work / "nul.pdf").symlink_to("/dev/zero")
    ran = run("classify", "/dev/zero", "nul.pdf", cwd=work, timeout=60)
    assert ran.returncode == 1, ran.stderr
    assert [line["error"] for line in ran.lines()] == ["not a regular file"] * 2
    assert ran.rss < RSS_BOUND
    assert ran.stderr.splitlines() == [
        "zeef: error: not a regular file: /dev/zero",
        "zeef: error: not a regular file: nul.pdf",
    ]


def test_classify_a_folder_is_refused_with_exit_1(work):
    (work / "map").mkdir()
    ran = run("classify", "map", cwd=work, timeout=60)
    assert ran.returncode == 1
    assert ran.lines()[0]["disposition"] == "review"
    assert ran.stderr.splitlines() == ["zeef: error: not a regular file: map"]


def test_classify_hashes_a_file_over_the_limit_in_blocks(work):
    """Over `max_file_bytes` (64 MiB here) but under the hash cap (8 times that): the
    line has the file's sha256, review and `file_too_large`; the file was never in
    memory whole."""
    big = sparse(work / "groot.pdf", 400 * MiB)
    ran = run("--config", str(limits(work, 64 * MiB)), "classify", "groot.pdf", cwd=work)
    assert ran.returncode == 0, ran.stderr
    (line,) = ran.lines()
    assert line["sha256"] == sha256_of(big)
    assert line["disposition"] == "review" and line["reasons"] == ["file_too_large"]
    assert line["error"].startswith("file too large")
    # Against the same command on a small file (libraries loaded, one document read):
    # reading the 400 MiB file whole would add at least 400 MiB.
    (work / "klein.txt").write_text("Aanvraag bijstand.\n")
    small = run("classify", "klein.txt", cwd=work)
    assert ran.rss < small.rss + 100 * MiB, (
        f"{ran.rss / MiB:.0f} MiB against {small.rss / MiB:.0f} MiB: the file was read whole"
    )


def test_classify_a_5_gb_file_is_refused_without_reading_it(work):
    sparse(work / "enorm.pdf", 5 * GiB)
    started = time.monotonic()
    ran = run("classify", "enorm.pdf", cwd=work, timeout=120)
    assert ran.returncode == 0, ran.stderr
    (line,) = ran.lines()
    assert line["disposition"] == "review" and line["reasons"] == ["file_too_large"]
    assert line["sha256"] == ""  # over the hash cap: not read at all
    assert ran.rss < RSS_BOUND
    assert time.monotonic() - started < 60


# -- ingest ---------------------------------------------------------------------------


def ingest(work: Path, *paths: str, config: Path | None = None, timeout: float = 180) -> Ran:
    extra = ["--config", str(config)] if config else []
    return run(*extra, "ingest", *paths, "--case", "case.json", "--store", "store",
               cwd=work, timeout=timeout)  # fmt: skip


def stored_bytes(work: Path) -> list[bytes]:
    store = LocalStore(work / "store")
    return [store.get(key) for key in store.list("")]


def test_ingest_never_leaves_the_given_folder(work):
    folder = work / "in"
    (folder / "sub").mkdir(parents=True)
    outside = work / "elders"
    outside.mkdir()
    (outside / "geheim.txt").write_text("Dit staat buiten de map.\n")
    (folder / "aanvraag.txt").write_text(APPLICATION)
    (folder / "sub" / "brief.txt").write_text(APPLICATION + "Tweede brief.\n")
    (folder / "wachtwoorden").symlink_to("/etc/passwd")
    (folder / "nul.pdf").symlink_to("/dev/zero")
    (folder / "buiten").symlink_to(outside)
    (folder / "buitenbestand.txt").symlink_to(outside / "geheim.txt")
    (folder / "binnen").symlink_to(folder / "sub")  # a linked folder inside
    (folder / "sub" / "kopie.txt").symlink_to("../aanvraag.txt")  # a file inside: read
    (folder / "lus").symlink_to("lus")
    os.mkfifo(folder / "pijp.txt")
    ran = ingest(work, "in", timeout=120)
    assert ran.returncode is not None, "ingest hung"
    assert ran.returncode == 1, ran.stderr  # the FIFO is refused
    assert ran.rss < RSS_BOUND
    summary = json.loads(ran.stdout)
    errors = {e["file"]: e["error"] for e in summary["errors"]}
    assert errors == {
        "in/binnen": "skipped a link to a folder",
        "in/buiten": "skipped a link that leaves the folder",
        "in/buitenbestand.txt": "skipped a link that leaves the folder",
        "in/lus": "skipped a link that cannot be followed",
        "in/nul.pdf": "skipped a link that leaves the folder",
        "in/pijp.txt": "not a regular file",
        "in/wachtwoorden": "skipped a link that leaves the folder",
    }
    assert sorted(ran.stderr.splitlines()) == sorted(
        [
            "zeef: warning: skipped a link to a folder: in/binnen",
            "zeef: warning: skipped a link that leaves the folder: in/buiten",
            "zeef: warning: skipped a link that leaves the folder: in/buitenbestand.txt",
            "zeef: warning: skipped a link that cannot be followed: in/lus",
            "zeef: warning: skipped a link that leaves the folder: in/nul.pdf",
            "zeef: error: not a regular file: in/pijp.txt",
            "zeef: warning: skipped a link that leaves the folder: in/wachtwoorden",
        ]
    )
    assert "/etc/passwd" not in ran.stderr and str(outside) not in ran.stderr
    files = [d["file"] for d in summary["documents"]]
    assert files == ["in/aanvraag.txt", "in/sub/brief.txt", "in/sub/kopie.txt"]
    by_file = {d["file"]: d for d in summary["documents"]}
    assert by_file["in/sub/kopie.txt"]["sha256"] == by_file["in/aanvraag.txt"]["sha256"]
    passwd = Path("/etc/passwd").read_bytes()
    for data in stored_bytes(work):
        assert data != passwd and b"buiten de map" not in data
        assert b"root:" not in data


def test_ingest_refuses_dev_zero_and_a_fifo_given_by_name(work):
    (work / "nul").symlink_to("/dev/zero")
    os.mkfifo(work / "pijp")
    ran = ingest(work, "/dev/zero", "nul", "pijp", timeout=120)
    assert ran.returncode == 1, ran.stderr
    assert ran.rss < RSS_BOUND
    assert ran.stderr.splitlines() == [
        "zeef: error: not a regular file: /dev/zero",
        "zeef: error: not a regular file: nul",
        "zeef: error: not a regular file: pijp",
    ]
    assert json.loads(ran.stdout)["documents"] == []


def test_ingest_records_a_file_over_the_limit_for_review_without_its_bytes(work):
    config = limits(work, 1 * MiB)
    big = work / "groot.txt"
    big.write_bytes(b"Een heel groot bestand.\n" * (3 * MiB // 24))
    sha = sha256_of(big)
    ran = ingest(work, "groot.txt", config=config)
    assert ran.returncode == 0, ran.stderr
    summary = json.loads(ran.stdout)
    (doc,) = summary["documents"]
    assert doc["sha256"] == sha and doc["disposition"] == "review" and doc["new"] is True
    assert doc["reasons"] == ["file_too_large"]
    assert summary["errors"] == [{"file": "groot.txt", "error": doc["error"]}]
    store = LocalStore(work / "store")
    record = json.loads(store.get(f"cases/2026-0777/documents/{sha}.json"))
    assert record["disposition"] == "review" and record["reasons"] == ["file_too_large"]
    assert record["location"] is None and record["name"] == "groot.txt"
    assert not any(data == big.read_bytes() for data in stored_bytes(work))  # not kept
    events = [json.loads(store.get(k)) for k in store.list("audit/2026-0777/")]
    assert any(e.get("document") == sha and e.get("reason") == "file_too_large" for e in events)
    # Once: a second run changes nothing.
    again = json.loads(ingest(work, "groot.txt", config=config).stdout)
    assert [d["new"] for d in again["documents"]] == [False]


def test_ingest_a_5_gb_file_is_an_error_not_a_silent_loss(work):
    sparse(work / "enorm.pdf", 5 * GiB)
    (work / "aanvraag.txt").write_text(APPLICATION)
    started = time.monotonic()
    ran = ingest(work, "enorm.pdf", "aanvraag.txt", timeout=120)
    assert ran.returncode == 1, ran.stderr
    assert ran.rss < RSS_BOUND and time.monotonic() - started < 90
    summary = json.loads(ran.stdout)
    assert summary["errors"] == [{"file": "enorm.pdf", "error": "file too large to record"}]
    assert [d["file"] for d in summary["documents"]] == ["aanvraag.txt"]
    assert ran.stderr.splitlines() == ["zeef: error: file too large to record: enorm.pdf"]


@pytest.mark.parametrize("given", ["store", "store/cases", ".", "naar-store"])
def test_ingest_refuses_the_stores_own_folder(work, given):
    (work / "aanvraag.txt").write_text(APPLICATION)
    first = ingest(work, "aanvraag.txt")
    assert first.returncode == 0, first.stderr
    (work / "naar-store").symlink_to(work / "store")
    before = sorted(LocalStore(work / "store").list(""))
    ran = ingest(work, given)
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.count("\n") == 1 and ran.stderr.startswith("zeef: error: ")
    assert "store's own folder" in ran.stderr
    assert sorted(LocalStore(work / "store").list("")) == before


# -- redact --out ---------------------------------------------------------------------


def _redact(work: Path, out: str) -> Ran:
    return run("redact", "in/brief.txt", "--case", "case.json", "--out", out, cwd=work)


@pytest.fixture
def original(work) -> Path:
    (work / "in").mkdir()
    path = work / "in" / "brief.txt"
    path.write_text(APPLICATION + "Mijn buurman Gerrit de Wit helpt mij met verhuizen.\n")
    return path


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("in/brief.txt", "the input file itself"),
        ("./in/../in/brief.txt", "the input file itself"),
        ("link.txt", "the input file itself"),  # a link to the input
        ("hard.txt", "the input file itself"),  # a hard link to the input
        ("map", "is a folder"),
        ("map/", "is a folder"),
    ],
)
def test_redact_refuses_an_out_that_would_replace_the_original(work, original, out, why):
    (work / "link.txt").symlink_to(original)
    os.link(original, work / "hard.txt")
    (work / "map").mkdir()
    before = original.read_bytes()
    ran = _redact(work, out)
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.count("\n") == 1 and why in ran.stderr
    assert "Traceback" not in ran.stderr and ran.stdout == ""
    assert original.read_bytes() == before
    assert list((work / "map").iterdir()) == []


def test_redact_refuses_a_folder_it_cannot_write(work, original):
    if os.geteuid() == 0:  # root writes into a 0o555 folder: take a folder nobody writes
        out = "/sys/zeef-kopie.txt"
    else:
        (work / "ro").mkdir(mode=0o555)
        out = "ro/kopie.txt"
    ran = _redact(work, out)
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr == "zeef: error: cannot write to the output folder\n"


def test_redact_refuses_an_out_that_is_not_a_regular_file(work, original):
    # A FIFO of its own, not /dev/null: without the check, root would replace the device.
    os.mkfifo(work / "pijp.txt")
    ran = _redact(work, "pijp.txt")
    assert ran.returncode == 2 and "not a regular file" in ran.stderr
    assert stat.S_ISFIFO(os.lstat(work / "pijp.txt").st_mode)


def test_redact_still_writes_a_new_copy(work, original):
    ran = _redact(work, "kopie.txt")
    assert ran.returncode == 0, ran.stderr
    assert "Gerrit" not in (work / "kopie.txt").read_text()
