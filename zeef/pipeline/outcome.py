"""What a run shows of each document: its line in the summary (and in the letter), and
the progress bar on a terminal."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from zeef.domain.display import strip_controls
from zeef.domain.records import DocumentRecord, Record
from zeef.pipeline.classify import Classification
from zeef.pipeline.display import display_name


@dataclass
class DocumentOutcome:
    """One document (or e-mail part) of a run, as the summary shows it."""

    file: str
    sha256: str
    category: str
    disposition: str
    new: bool
    reasons: list[str] = field(default_factory=list)
    error: str | None = None
    message: str | None = None  # the sha256 of the e-mail it came in
    part: str | None = None  # its place in that e-mail
    id_document: dict | None = None
    kind: str = "document"  # or "message": an e-mail's own line (its parts were routed)
    source: str | None = None  # a segment: the sha256 of the glued file it was cut from

    def __post_init__(self) -> None:
        # Shown in the summary and the letter: the path as given, without control or bidi
        # characters; an e-mail part's own name masked (`zeef.pipeline.display`).
        if self.part is not None:
            shown = display_name(self.part)
            if self.file.endswith("#" + self.part):
                self.file = self.file[: len(self.file) - len(self.part)] + shown
            self.part = shown
        self.file = strip_controls(self.file)

    @classmethod
    def recorded(
        cls, file: str, record: Record, message: str | None = None, part: str | None = None
    ) -> DocumentOutcome:
        """A document recorded earlier (`new` false), or recorded in this run when
        `write_run_letter` rebuilds the run from its records."""
        return cls(
            file=file,
            sha256=record.sha256,
            category=record.category.value,
            disposition=record.disposition.value,
            new=False,
            message=message,
            part=part,
            id_document=dict(record.id_document or {}) or None
            if isinstance(record, DocumentRecord)
            else None,
            kind=record.kind,
            source=record.source if isinstance(record, DocumentRecord) else None,
        )

    @classmethod
    def of(cls, file: str, sha: str, c: Classification, **more) -> DocumentOutcome:
        """What a new document's classification shows in the summary."""
        return cls(
            file=file,
            sha256=sha,
            category=c.category.value,
            disposition=c.disposition.value,
            new=True,
            reasons=list(c.reasons),
            error=c.error,
            id_document=c.id_document,
            **more,
        )

    def to_json(self) -> dict:
        out = {
            "file": self.file,
            "sha256": self.sha256,
            "category": self.category,
            "disposition": self.disposition,
            "new": self.new,
        }
        if self.message:
            out["message"] = self.message
            out["part"] = self.part
        if self.source:
            out["source"] = self.source
        if self.reasons:
            out["reasons"] = self.reasons
        if self.error:
            out["error"] = self.error
        return out


class Progress:
    """A one-line progress bar on a terminal (stderr); silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.t0 = total, enabled, 0, time.monotonic()

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        rate = self.done / max(time.monotonic() - self.t0, 1e-6)
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
            f"{rate:.1f} files/s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
