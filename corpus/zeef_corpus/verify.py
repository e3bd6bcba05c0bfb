"""Check a generated corpus against its labels: every labelled string occurs in the text.

    python -m zeef_corpus.verify OUT [--no-pdf]

Text is read the simple way (txt decoded, docx paragraphs/tables/headers, pdf via pypdf,
e-mail headers + body + attachments) and compared with whitespace collapsed. Scans and
photos (formats scan, png, jpg) have no text to read without OCR: their labels are
checked against the drawn text when they are made (`scan.render`); here only their MRZ
check digits are.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import re
import sys
from pathlib import Path

from zeef_corpus import mrz
from zeef_corpus.render import docx_text
from zeef_corpus.scan import FORMATS as IMAGE_FORMATS


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def txt_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    r = PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() or "" for p in r.pages)


def file_text(name: str, data: bytes, pdf: bool = True) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "txt":
        return txt_text(data)
    if ext == "docx":
        return docx_text(data)
    if ext == "pdf":
        return pdf_text(data) if pdf else ""
    if ext == "eml":
        return eml_text(data, pdf)
    raise ValueError(ext)


def eml_text(data: bytes, pdf: bool = True) -> str:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    out: list[str] = []

    def walk(m) -> None:
        for h in ("From", "To", "Cc", "Subject"):
            if m[h]:
                out.append(f"{h}: {m[h]}")
        for part in m.iter_parts() if m.is_multipart() else [m]:
            ctype = part.get_content_type()
            if ctype == "message/rfc822":
                walk(part.get_content())
            elif part.is_multipart():
                walk(part)
            elif part.get_filename():
                out.append(file_text(part.get_filename(), part.get_payload(decode=True), pdf))
            elif ctype == "text/plain":
                out.append(part.get_content())

    walk(msg)
    return "\n".join(out)


def check(out_dir: Path, pdf: bool = True) -> list[str]:
    problems: list[str] = []
    for line in (out_dir / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        data = (out_dir / row["file"]).read_bytes()
        if row["format"] == "pdf" and not pdf:
            continue
        if row["format"] in IMAGE_FORMATS:
            if "mrz" in row and mrz.mrz_valid(row["mrz"]) != row["mrz_valid"]:
                problems.append(f"{row['file']}: mrz_valid {row['mrz_valid']}, digits disagree")
            continue
        text = norm(file_text(row["file"], data, pdf))
        for role in ("third_party", "subject", "professional"):
            for s in row[role]:
                if norm(s) not in text:
                    problems.append(f"{row['file']}: {role} {s!r} not in text")
        if "mrz" in row:
            lines = row["mrz"]
            ok = mrz.mrz_valid(lines)
            if ok != row["mrz_valid"]:
                problems.append(f"{row['file']}: mrz_valid {row['mrz_valid']}, digits say {ok}")
            if not all(x in text for x in lines) and (pdf or row["format"] != "eml"):
                problems.append(f"{row['file']}: MRZ lines not in text")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="zeef_corpus.verify")
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-pdf", action="store_true", help="skip reading PDFs (faster)")
    a = ap.parse_args(argv)
    problems = check(a.out, pdf=not a.no_pdf)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
