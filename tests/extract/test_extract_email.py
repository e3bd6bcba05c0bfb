from __future__ import annotations

from email.message import EmailMessage

import pytest
from makers import DISTINCTIVE, make_docx, make_pdf, png_bytes

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import email as email_reader
from zeef.pipeline.extract import read_bytes, read_path
from zeef.pipeline.extract.docx import MEDIA_TYPE as DOCX

HEADERS = {
    "From": "Joëlle Brouwer <joelle@example.nl>",
    "To": "Wijkteam Utrecht <wijkteam@utrecht.nl>",
    "Cc": "Zoë de Wit <zoe@example.nl>",
    "Reply-To": "Joëlle Brouwer <j.brouwer@example.nl>",
    "Date": "Tue, 03 Mar 2026 10:15:00 +0100",
    "Subject": "Aanvraag bijzondere bijstand – bijlagen",
}
HEADER_BLOCK = (
    "Van: Joëlle Brouwer <joelle@example.nl>\n"
    "Aan: Wijkteam Utrecht <wijkteam@utrecht.nl>\n"
    "Cc: Zoë de Wit <zoe@example.nl>\n"
    "Antwoord aan: Joëlle Brouwer <j.brouwer@example.nl>\n"
    "Datum: Tue, 03 Mar 2026 10:15:00 +0100\n"
    "Onderwerp: Aanvraag bijzondere bijstand – bijlagen"
)


def message(
    body: str | None = "Beste medewerker,\n\nZie de bijlagen.\n", **headers
) -> EmailMessage:
    msg = EmailMessage()
    for key, value in (headers or HEADERS).items():
        msg[key.replace("_", "-")] = value
    if body is not None:
        msg.set_content(body)
    return msg


def attach_pdf(msg: EmailMessage, data: bytes, filename: str | None) -> None:
    msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)


def attach_docx(msg: EmailMessage, data: bytes, filename: str) -> None:
    maintype, subtype = DOCX.split("/")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)


def names(doc) -> list[str]:
    return [part.name for part in doc.parts]


def test_plain_body_with_pdf_and_docx(tmp_path):
    msg = message()
    attach_pdf(msg, make_pdf(["Loonstrook maart", "Pagina twee"]), "loonstrook.pdf")
    attach_docx(msg, make_docx(["Verklaring huurder"]), "verklaring.docx")
    raw = msg.as_bytes()
    assert b"=?utf-8?" in raw  # display names and subject went out RFC 2047-encoded
    path = tmp_path / "bericht.eml"
    path.write_bytes(raw)

    doc = read_path(path)
    assert doc.media_type == "message/rfc822"
    assert doc.name == "bericht.eml"
    assert doc.data == raw
    assert names(doc) == ["body", "loonstrook.pdf", "verklaring.docx"]

    body, pdf, word = doc.parts
    assert body.text == HEADER_BLOCK + "\n\nBeste medewerker,\n\nZie de bijlagen.\n"
    assert body.media_type == "text/plain"
    assert doc.text == body.text
    assert pdf.media_type == "application/pdf"
    assert "Loonstrook maart" in pdf.text and len(pdf.page_starts) == 2
    assert pdf.data.startswith(b"%PDF")
    assert word.media_type == DOCX and word.text == "Verklaring huurder"
    assert all(part.error is None for part in doc.parts)


def test_rfc2047_headers_and_8bit_cp1252_body():
    raw = (
        b"From: =?iso-8859-1?q?Jo=EBlle_Brouwer?= <joelle@example.nl>\r\n"
        b"To: =?utf-8?b?Wm/DqyBkZSBXaXQ=?= <zoe@example.nl>\r\n"
        b"Subject: =?utf-8?q?Bezwaar_=E2=80=93_ru=C3=AFne?=\r\n"
        b"  =?utf-8?q?_en_caf=C3=A9?=\r\n"
        b"Date: Tue, 03 Mar 2026 10:15:00 +0100\r\n"
        b"Message-ID: <1@example.nl>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=windows-1252\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n"
        b"Het caf\xe9 is een ru\xefne, \xe9\xe9n keer.\r\n"
    )
    doc = read_bytes(raw, "bezwaar")
    assert doc.media_type == "message/rfc822"
    assert doc.parts[0].text == (
        "Van: Joëlle Brouwer <joelle@example.nl>\n"
        "Aan: Zoë de Wit <zoe@example.nl>\n"
        "Datum: Tue, 03 Mar 2026 10:15:00 +0100\n"
        "Onderwerp: Bezwaar – ruïne en café\n"
        "\n"
        "Het café is een ruïne, één keer.\n"
    )


def test_html_only_body():
    html = (
        "<html><head><title>Titel</title><style>p {color: red}</style>"
        "<script>alert('weg')</script></head><body>"
        "<p>Beste <b>medewerker</b>,</p><p>Zie&nbsp;bijlage &amp; groet.</p>"
        "<table><tr><td>Huur</td><td>650</td></tr></table></body></html>"
    )
    msg = message(None)
    msg.set_content(html, subtype="html")
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == ["body"]
    body = doc.parts[0]
    assert body.media_type == "text/html"
    assert body.text == HEADER_BLOCK + "\n\nBeste medewerker,\n\nZie bijlage & groet.\n\nHuur\t650"
    for hidden in ("alert", "color", "Titel", "<"):
        assert hidden not in body.text[len(HEADER_BLOCK) :]


def test_alternative_html_is_not_an_attachment_but_inline_image_is():
    msg = message("Platte tekst\n")
    msg.add_alternative("<p>HTML tekst <img src='cid:scan'></p>", subtype="html")
    msg.get_payload()[1].add_related(png_bytes(), "image", "png", cid="<scan>")
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == ["body", "attachment-1"]
    assert doc.parts[0].text.endswith("\n\nPlatte tekst\n")
    image = doc.parts[1]
    assert (image.media_type, image.needs_ocr, image.text) == ("image/png", True, "")


def forwarded_message() -> EmailMessage:
    inner = message(
        "Doorgestuurde tekst\n",
        From="Uitkeringsinstantie <info@uwv.example>",
        To="Joëlle Brouwer <joelle@example.nl>",
        Subject="Uw uitkering",
    )
    attach_pdf(inner, make_pdf(["Uitkeringsspecificatie"]), "uitkering.pdf")
    return inner


def test_forwarded_message_rfc822_is_flattened():
    outer = message()
    outer.add_attachment(forwarded_message())
    outer.add_attachment("Nog een notitie\n", filename="na.txt")
    raw = outer.as_bytes()
    assert b"message/rfc822" in raw
    doc = read_bytes(raw, "x.eml")
    assert names(doc) == ["body", "forwarded-1/body", "forwarded-1/uitkering.pdf", "na.txt"]
    assert doc.parts[1].text == (
        "Van: Uitkeringsinstantie <info@uwv.example>\n"
        "Aan: Joëlle Brouwer <joelle@example.nl>\n"
        "Onderwerp: Uw uitkering\n\nDoorgestuurde tekst\n"
    )
    assert "Uitkeringsspecificatie" in doc.parts[2].text
    assert doc.parts[3].text == "Nog een notitie\n"


def test_eml_file_attachment_is_flattened_too():
    outer = message()
    outer.add_attachment(
        forwarded_message().as_bytes(),
        maintype="application",
        subtype="octet-stream",
        filename="doorgestuurd.eml",
    )
    doc = read_bytes(outer.as_bytes(), "x.eml")
    assert names(doc) == ["body", "forwarded-1/body", "forwarded-1/uitkering.pdf"]
    assert doc.parts[1].text.endswith("\n\nDoorgestuurde tekst\n")


def nested(levels: int) -> EmailMessage:
    msg = message(f"Niveau {levels}\n", From="a@example.nl", Subject=f"Niveau {levels}")
    if levels:
        msg.add_attachment(nested(levels - 1))
    return msg


def test_nested_forwards_and_depth_cap(monkeypatch):
    raw = nested(2).as_bytes()
    assert names(read_bytes(raw, "x.eml")) == [
        "body",
        "forwarded-1/body",
        "forwarded-1/forwarded-1/body",
    ]
    monkeypatch.setattr(email_reader, "MAX_DEPTH", 1)
    doc = read_bytes(raw, "x.eml")
    assert names(doc) == ["body", "forwarded-1/body", "forwarded-1/forwarded-1/body"]
    assert [part.error for part in doc.parts] == [
        None,
        None,
        "forwarded messages nested too deeply",
    ]


def test_unreadable_attachment_does_not_stop_the_message():
    msg = message()
    broken = make_pdf([f"Brief van {DISTINCTIVE}"])
    attach_pdf(msg, broken[: len(broken) // 2], "kapot.pdf")
    attach_docx(msg, make_docx(["Goed leesbaar"]), "goed.docx")
    msg.add_attachment(b"", maintype="application", subtype="octet-stream", filename="leeg.bin")
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == ["body", "kapot.pdf", "goed.docx", "leeg.bin"]
    body, bad, good, empty = doc.parts
    assert bad.error.startswith("corrupt PDF")
    assert bad.media_type == "application/pdf"
    assert bad.data == broken[: len(broken) // 2]
    assert bad.text == ""
    assert good.error is None and good.text == "Goed leesbaar"
    assert empty.error == "empty file"
    assert body.error is None


def test_unnamed_duplicate_and_unsafe_names():
    msg = message()
    pdf = make_pdf(["Scan"])
    attach_pdf(msg, pdf, None)
    attach_pdf(msg, pdf, "scan.pdf")
    attach_pdf(msg, pdf, "scan.pdf")
    attach_pdf(msg, pdf, "..\\..\\map/geheim\x07.pdf")
    msg.add_attachment(png_bytes(), maintype="image", subtype="png")
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == [
        "body",
        "attachment-1",
        "scan.pdf",
        "scan (2).pdf",
        "geheim.pdf",
        "attachment-2",
    ]
    assert [p.media_type for p in doc.parts[1:]] == ["application/pdf"] * 4 + ["image/png"]


def test_part_cap(monkeypatch):
    monkeypatch.setattr(email_reader, "MAX_PARTS", 3)
    msg = message()
    for n in range(5):
        msg.add_attachment(f"Notitie {n}\n", filename=f"n{n}.txt")
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == ["body", "n0.txt", "n1.txt", "more-parts"]
    assert doc.parts[-1].error == "more than 3 parts: the rest was not read"


def test_message_without_body_text():
    msg = message(None)
    msg.add_attachment(make_pdf(["Alleen bijlage"]), maintype="application", subtype="pdf",
                       filename="a.pdf")  # fmt: skip
    doc = read_bytes(msg.as_bytes(), "x.eml")
    assert names(doc) == ["body", "a.pdf"]
    assert doc.parts[0].text == HEADER_BLOCK + "\n\n"


@pytest.mark.parametrize(
    "raw",
    [
        b'From: <<<@@@>>> "open\nTo: ,,,;;;<\nSubject: =?utf-8?b?!!!?=\nDate: nonsense\n'
        b"Message-ID: <\n\nbody\n",
        b"From: a@example.nl\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nbegin',
        b"From: a@example.nl\nMessage-ID: <x@y>\nContent-Type: multipart/mixed\n\n--\n--\n",
        b"From: a@example.nl\nMessage-ID: <x@y>\nContent-Type: text/plain; charset=no-such\n"
        b"Content-Transfer-Encoding: base64\n\n!!!not base64\xff\xfe",
        b"From: \xff\xfe\xe9 <a@example.nl>\nSubject: caf\xe9\nMessage-ID: <x@y>\n\nhoi\n",
    ],
)
def test_hostile_messages_are_read_without_crashing(raw):
    doc = read_bytes(raw, "x.eml")
    assert doc.media_type == "message/rfc822"
    assert doc.parts and doc.parts[0].name == "body"
    doc.text.encode("utf-8")  # no lone surrogates


def test_8bit_header_decoded():
    raw = b"From: Jo\xc3\xablle <a@example.nl>\nSubject: caf\xe9\nMessage-ID: <x@y>\n\nhoi\n"
    doc = read_bytes(raw, "x.eml")
    assert doc.text == "Van: Joëlle <a@example.nl>\nOnderwerp: café\n\nhoi\n"


def test_mbox_style_first_line_and_detection_by_content():
    raw = b"From - Tue Mar 03 10:15:00 2026\nFrom: a@example.nl\nSubject: Hallo\n\nTekst\n"
    doc = read_bytes(raw, "bericht")
    assert doc.media_type == "message/rfc822"
    assert doc.text == "Van: a@example.nl\nOnderwerp: Hallo\n\nTekst\n"


def _nested_multiparts(levels: int) -> bytes:
    head = b"From: a@example.nl\nMessage-ID: <x@y>\nMIME-Version: 1.0\n"
    head += b"Content-Type: multipart/mixed; boundary=b0\n\n"
    body = b"".join(
        b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i, i + 1)
        for i in range(levels)
    )
    body += b"--b%d\nContent-Type: text/plain\n\ndiep\n" % levels
    body += b"".join(b"--b%d--\n" % i for i in range(levels, -1, -1))
    return head + body


def test_deep_mime_nesting_is_cut_off():
    doc = read_bytes(_nested_multiparts(email_reader.MAX_MIME_NESTING + 10), "x.eml")
    assert [part.error for part in doc.parts][-1] == "MIME parts nested too deeply"


def test_too_many_mime_parts_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(email_reader, "MAX_BOUNDARY_LINES", 10)
    with pytest.raises(UnreadableDocument, match="^e-mail has too many MIME parts$"):
        read_bytes(_nested_multiparts(20), "x.eml")
