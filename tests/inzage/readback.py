"""Reading a package back as its reader would: every PDF with both parsers (pypdf and
PyMuPDF), text as text, images with Tesseract."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def holds(text: str, needle: str) -> bool:
    """`needle` in `text` as whole words, any case, accents and white space."""
    return re.search(rf"(?<!\w){re.escape(fold(needle))}(?!\w)", fold(text)) is not None


def pdf_texts(data: bytes) -> list[str]:
    import pymupdf
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        texts += [page.get_text() for page in doc]
    return texts


def file_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "\n".join(pdf_texts(data))
    if path.suffix in (".png", ".tif", ".jpg"):
        from zeef.pipeline.redact import pixels

        kind = {".png": "image/png", ".tif": "image/tiff", ".jpg": "image/jpeg"}[path.suffix]
        return "\n".join(pixels.ocr_texts(data, kind))
    return data.decode("utf-8")


def package_text(folder: Path) -> dict[str, str]:
    """Each file of the package (relative path) and what can be read in it."""
    return {
        str(p.relative_to(folder)): file_text(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }
