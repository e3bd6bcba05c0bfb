"""Labelled folders: documents with their true category, for evaluation and training.

Two layouts are read:
- ``DIR/labels.jsonl``: one JSON object per document with at least ``file`` (relative to
  DIR) and ``category``; optional ``case`` (a case file, relative to DIR),
  ``disposition``, ``third_party`` / ``subject`` (the personal-data strings as they
  appear in the text), ``parts`` (for e-mails: ``{"name", "category"}`` per part),
  ``segments`` (for a glued file: ``{"pages", "category", "disposition"}`` per document
  in it), ``layout`` (the template a generated document was made from).
- no labels file: one sub-folder per category (``DIR/medical/*.pdf``, ...), the layout
  a municipality gets by sorting a sample into folders.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zeef.domain.errors import LabelError
from zeef.domain.vocabulary import Category


@dataclass
class LabelledDocument:
    path: Path
    category: Category
    case_path: Path | None = None
    disposition: str | None = None
    third_party: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)
    professional: list[str] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)
    id_document: dict | None = None
    layout: str = ""  # the generator's template name, for unseen-template validation
    # A glued file: `{"pages": [1, 2], "category", "disposition"}` per document in it.
    segments: list[dict] = field(default_factory=list)


def _category(value: object, where: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise LabelError(f"{where}: unknown category {value!r}") from None


def _segments(value: object, where: str) -> list[dict]:
    if not value:
        return []
    ok = isinstance(value, list) and all(
        isinstance(s, dict)
        and isinstance(s.get("pages"), list)
        and s["pages"]
        and all(isinstance(p, int) and p >= 1 for p in s["pages"])
        for s in value
    )
    if not ok:
        raise LabelError(f"{where}: segments must be a list of {{pages, category}}")
    for s in value:
        _category(s.get("category"), where)
    return value


def read_labelled_folder(root: Path) -> list[LabelledDocument]:
    if not root.is_dir():
        raise LabelError(f"not a folder: {root}")
    labels = root / "labels.jsonl"
    docs: list[LabelledDocument] = []
    if labels.exists():
        for n, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                raise LabelError(f"labels.jsonl line {n}: not JSON") from None
            if "file" not in row or "category" not in row:
                raise LabelError(f"labels.jsonl line {n}: needs 'file' and 'category'")
            docs.append(
                LabelledDocument(
                    path=root / row["file"],
                    category=_category(row["category"], f"labels.jsonl line {n}"),
                    case_path=root / row["case"] if row.get("case") else None,
                    disposition=row.get("disposition"),
                    third_party=list(row.get("third_party") or []),
                    subject=list(row.get("subject") or []),
                    professional=list(row.get("professional") or []),
                    parts=list(row.get("parts") or []),
                    id_document=row.get("id_document"),
                    layout=row.get("layout") or "",
                    segments=_segments(row.get("segments"), f"labels.jsonl line {n}"),
                )
            )
        return docs
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        category = _category(sub.name, f"folder {sub.name}")
        for file in sorted(p for p in sub.rglob("*") if p.is_file()):
            docs.append(LabelledDocument(path=file, category=category))
    if not docs:
        raise LabelError(f"{root}: no labels.jsonl and no category folders with documents")
    return docs
