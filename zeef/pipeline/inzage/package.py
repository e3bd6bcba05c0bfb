"""The inspection package of a case: the cover letter, the index and every document of
the dossier with every third party removed, one PDF of the whole, verified before
anything is written.

`build` makes the package in memory:
1. the entries (`contents`): every document the case holds or held;
2. every included document planned with one numbering of people (`redact.Labels`), so
   the same tipster is ``[derde 1]`` in every document; third parties who consented (or
   whose refusal a privacy officer outweighed, `consent`) keep their names;
3. every plan extended with what any other document removed (`redact.across`), then the
   copies written (PDF stays PDF, scans are painted, text stays text);
4. the letters and the combined PDF;
5. the whole package verified against every string removed anywhere in it, with both
   PDF parsers and the raw streams (`redact.verify`), text files by search: one hit and
   `LeakDetected`, nothing written.
`write_to_dir` writes a built package to a folder at once (a temporary folder renamed).
A document that cannot be redacted safely (a page OCR could not read) is not included:
the index says it follows separately, and the cover letter says how many.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from zeef.domain.case import Case
from zeef.domain.errors import (
    InvalidInput,
    LeakDetected,
    RedactError,
    UnreadableDocument,
    ZeefError,
)
from zeef.domain.settings import Settings
from zeef.pipeline.extract import read_bytes
from zeef.pipeline.inzage import consent, letter
from zeef.pipeline.inzage.contents import Entry, entries
from zeef.pipeline.letters import _STYLES, _WRAP_WIDTH, _font, _Pages, _wrap
from zeef.pipeline.mupdf import pymupdf
from zeef.pipeline.redact import DocumentPlan, Labels, _leaks_in_text, plan_document, write_copy
from zeef.pipeline.redact.across import extend, label_types, package_labels, verification_strings
from zeef.pipeline.redact.verify import find_leaks
from zeef.storage import ObjectNotFound, Store

log = logging.getLogger(__name__)

INDEX = "index.json"
LETTER = "brief.txt"  # the cover letter and the index as text
DOCUMENTS = "documents"
_SLUGS = {
    "medisch document": "medisch",
    "advies van de medisch adviseur": "medisch-advies",
    "bankafschrift": "bankafschrift",
    "kopie identiteitsbewijs": "identiteitsbewijs",
    "melding van een ander": "melding",
    "aanvraag": "aanvraag",
    "verslag of besluit van de gemeente": "verslag",
    "werkaantekening": "aantekening",
    "overig document": "document",
}


class InzageRefused(ZeefError):
    """Inspection refused while an enforcement investigation runs (UAVG art. 41 lid 1
    sub h); the refusal letter is written. Exit code 3."""


def combined_name(case_id: str) -> str:
    return f"inzage-{case_id}.pdf"


def refusal_name(case_id: str) -> str:
    return f"weigering-inzage-{case_id}.pdf"


@dataclass
class Package:
    case_id: str
    entries: list[Entry]
    files: dict[str, bytes] = field(default_factory=dict)  # path in the package → bytes

    @property
    def included(self) -> int:
        return sum(1 for e in self.entries if e.included)

    @property
    def removed(self) -> int:
        return sum(sum(e.removed.values()) for e in self.entries)

    def summary(self) -> dict:
        """What the command prints: ids and counts only."""
        documents = [e for e in self.entries if e.reason != "split"]
        return {
            "case_id": self.case_id,
            "documents": len(documents),
            "included": self.included,
            "removed": self.removed,
            "files": sorted(self.files),
        }


def _suffix(media_type: str) -> str:
    if media_type == "text/plain":
        return ".txt"
    return {"image/tiff": ".tif", "image/jpeg": ".jpg"}.get(media_type) or (
        mimetypes.guess_extension(media_type) or ".bin"
    )


def _read(store: Store, entry: Entry):
    """The stored document, read; None (and the entry marked) when it cannot be."""
    try:
        data = store.get(entry.location)
    except ObjectNotFound:
        entry.included, entry.reason = False, "missing"
        return None
    try:
        return read_bytes(data, entry.name or f"document{_suffix(entry.media_type)}")
    except UnreadableDocument:
        entry.included, entry.reason = False, "not_redactable"
        return None


def _plans(store: Store, case: Case, included: list[Entry]) -> list[tuple[Entry, DocumentPlan]]:
    labels = Labels()  # one numbering of people for the whole package
    consented = consent.disclosed_names(store, case.case_id)
    plans = []
    for entry in included:
        doc = _read(store, entry)
        if doc is None:
            continue
        try:
            planned = plan_document(
                doc, case, labels=labels, consented=consented, category=entry.category
            )
        except RedactError as exc:
            log.warning("inzage: document %s cannot be redacted (%s)", entry.sha256[:12], exc)
            entry.included, entry.reason = False, "not_redactable"
            continue
        entry.pages = len(doc.page_starts) or None
        plans.append((entry, planned))
    return plans


def _text_pdf(text: str) -> bytes:
    """Plain text (a document that came as text, an e-mail) on A4 pages."""
    pages = _Pages()
    font_name, size, _, _ = _STYLES["text"]
    font = _font(font_name)
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, font, size, _WRAP_WIDTH, _WRAP_WIDTH) or [""]:
            pages.line(font, size, 0.0, line)
    if pages.writer is None:
        pages.new_page()
    pages.flush()
    data = pages.doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    pages.doc.close()
    return data


def _as_pdf(data: bytes, media_type: str) -> bytes:
    if media_type == "application/pdf":
        return data
    if media_type == "text/plain":
        return _text_pdf(data.decode("utf-8"))
    with pymupdf.open(stream=data) as image:  # an image (PNG, TIFF, JPEG): a page each
        return image.convert_to_pdf()


def _combine(parts: list[bytes]) -> bytes:
    out = pymupdf.open()
    try:
        for part in parts:
            with pymupdf.open(stream=part, filetype="pdf") as doc:
                out.insert_pdf(doc)
        out.set_metadata({"creator": "zeef", "producer": "zeef"})
        return out.tobytes(garbage=4, deflate=True, no_new_id=True)
    finally:
        out.close()


def _pdf_pages(data: bytes) -> int | None:
    try:
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            return doc.page_count
    except Exception:  # not a PDF we can count: the index leaves the count out
        return None


def _without_front(data: bytes, front_pages: int) -> bytes:
    """The combined PDF without its first pages (the letter and the index)."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        doc.select(list(range(front_pages, doc.page_count)))
        return doc.tobytes(garbage=4, deflate=True)


def verify(
    files: dict[str, bytes], strings: list[str], letters: dict[str, int], letter_text: str = ""
) -> None:
    """LeakDetected when any removed string can still be found in any file of the
    package (PDF: pypdf, PyMuPDF and the raw streams; text and JSON: a search).

    `letters`: the files that begin with the letter and the index (path → their pages;
    0: the whole file is letter), whose text is `letter_text`. Those pages are zeef's own
    words and the subject's name and address, and may hold a word that was removed
    elsewhere as part of a third party's data (a street, a common word read as a name).
    So such a file is checked twice: its document pages (rewritten without the letter)
    for every string, and its bytes as written for every string the letter does not
    hold."""
    if not strings:
        return
    not_in_letter = [s for s in strings if not _leaks_in_text(letter_text, [s])]
    for path, data in files.items():
        if letters.get(path) == 0:
            checks = [(data, not_in_letter)]
        elif path in letters:
            checks = [(_without_front(data, letters[path]), strings), (data, not_in_letter)]
        else:
            checks = [(data, strings)]
        for content, needles in checks:
            if not needles:
                continue
            if path.endswith(".pdf"):
                leaks = len(find_leaks(content, needles))
            elif path.endswith((".txt", ".json")):
                leaks = _leaks_in_text(content.decode("utf-8"), needles)
            else:
                continue  # an image copy: verified by OCR when it was painted
            if leaks:
                raise LeakDetected(
                    f"{leaks} removed strings still found in the package; nothing written"
                )


def build(
    store: Store,
    case: Case,
    *,
    on: dt.date,
    received: dt.date | None = None,
    deadline: dt.date | None = None,
    settings: Settings | None = None,
) -> Package:
    """The package of `case` (see the module doc). InzageRefused while the case's
    enforcement investigation runs; LeakDetected when the package fails verification."""
    if case.enforcement_investigation:
        raise InzageRefused(
            f"case {case.case_id}: inspection refused while an enforcement investigation runs "
            "(UAVG art. 41 lid 1 sub h)"
        )
    package = Package(case.case_id, entries(store, case.case_id))
    plans = _plans(store, case, [e for e in package.entries if e.included])
    labels, kept = package_labels(p for _, p in plans)
    types = label_types(p for _, p in plans)
    parts: list[bytes] = []
    n = 0
    for entry, planned in plans:
        extend(planned, labels, kept, types)
        try:
            copy = write_copy(planned)
        except RedactError as exc:  # a scan whose copy OCR still reads a name in
            log.warning("inzage: document %s cannot be redacted (%s)", entry.sha256[:12], exc)
            entry.included, entry.reason = False, "not_redactable"
            continue
        n += 1
        entry.removed = planned.counts()
        entry.file = f"{DOCUMENTS}/{n:02d}-{_SLUGS[entry.kind]}{_suffix(copy.media_type)}"
        package.files[entry.file] = copy.data
        as_pdf = _as_pdf(copy.data, copy.media_type)
        if copy.media_type == "application/pdf":
            entry.pages = _pdf_pages(as_pdf) or entry.pages
        parts.append(as_pdf)
    cover = letter.cover_blocks(case, package.entries, on, received, deadline, settings)
    index = letter.index_blocks(package.entries)
    title = f"Inzage zaak {case.case_id}"
    front = letter.pdf_of(cover + index, title, on, settings)
    combined = combined_name(case.case_id)
    package.files[combined] = _combine([front, *parts])
    package.files[LETTER] = letter.text_of(cover + index).encode("utf-8")
    lines = [e.index_line() for e in package.entries]
    index_json = {"case_id": case.case_id, "date": on.isoformat(), "documents": lines}
    package.files[INDEX] = json.dumps(index_json, ensure_ascii=False, indent=2).encode("utf-8")
    letters = {LETTER: 0, combined: _pdf_pages(front) or 0}
    strings = verification_strings((p for _, p in plans), kept)
    verify(package.files, strings, letters, package.files[LETTER].decode("utf-8"))
    return package


def refusal_letter(case: Case, on: dt.date, settings: Settings | None = None) -> bytes:
    blocks = letter.refusal_blocks(case, on, settings)
    return letter.pdf_of(blocks, f"Inzage zaak {case.case_id}", on, settings)


def check_out_dir(out: Path) -> None:
    """An `--out` folder that may be written: absent, or empty. InvalidInput else."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InvalidInput("--out must be a new or empty folder")
    if not out.parent.is_dir():
        raise InvalidInput("--out: its parent folder does not exist")


def write_to_dir(files: dict[str, bytes], out: Path) -> None:
    """All `files` under `out` at once: written into a temporary folder beside it, then
    renamed into place. `out` must be absent or empty."""
    check_out_dir(out)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.zeef-"))
    try:
        for path, data in files.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        if out.exists():
            out.rmdir()  # empty (checked); a race that fills it makes rename fail
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
