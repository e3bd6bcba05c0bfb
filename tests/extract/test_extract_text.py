from __future__ import annotations

import codecs

import pytest

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import read_bytes, read_path

SHORT = "café, ruïne, één"
LETTER = (
    "Geachte heer, mevrouw,\r\n\r\n"
    "Hierbij stuur ik mijn aanvraag. Het café is een ruïne; één keer per week\r\n"
    "kom ik langs voor coördinatie. Financiële situatie: € 120,- per maand.\r\n"
    "Met vriendelijke groet,\r\nJoëlle Brouwer\r\n"
)
LETTER_LF = LETTER.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "cp1252"],
)
@pytest.mark.parametrize("text", [SHORT, LETTER])
def test_encodings(tmp_path, encoding, text):
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / "brief.txt"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.media_type == "text/plain"
    assert doc.text == text.replace("\r\n", "\n")
    assert doc.data == data
    assert not doc.needs_ocr
    assert doc.page_starts == [0]


def test_latin1():
    doc = read_bytes(LETTER_LF.replace("€", "EUR").encode("latin-1"), "brief.txt")
    assert doc.text == LETTER_LF.replace("€", "EUR")


def test_cp1252_without_extension_is_still_text():
    doc = read_bytes(SHORT.encode("cp1252"), "notitie")
    assert (doc.media_type, doc.text) == ("text/plain", SHORT)


def test_utf16_without_bom():
    doc = read_bytes(LETTER.encode("utf-16-le"), "brief.txt")
    assert doc.text == LETTER_LF


def test_old_mac_newlines():
    doc = read_bytes(b"regel een\rregel twee\r\nregel drie\n", "x.txt")
    assert doc.text == "regel een\nregel twee\nregel drie\n"


def test_text_named_csv():
    doc = read_bytes("naam;bedrag\nJoëlle;12,50\n".encode(), "overzicht.csv")
    assert doc.text == "naam;bedrag\nJoëlle;12,50\n"


def test_binary_with_txt_extension_is_unreadable():
    data = bytes(range(256)) * 16
    with pytest.raises(UnreadableDocument, match="^not text"):
        read_bytes(data, "brief.txt")


def test_html_file():
    html = (
        "<!DOCTYPE html>\r\n<html><head><title>Brief</title><script>var x = 1;</script>"
        "<style>td {}</style></head><body><h1>Bezwaar</h1>"
        "<p>Geachte   heer,<br>mevrouw</p><ul><li>één</li><li>twee</li></ul>"
        "<pre>  ingesprongen\n  tekst</pre></body></html>"
    )
    doc = read_bytes(html.encode("cp1252"), "brief.html")
    assert doc.media_type == "text/html"
    assert doc.text == "Bezwaar\n\nGeachte heer,\nmevrouw\n\néén\ntwee\n\ningesprongen\ntekst"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń. Proszę o pomoc w sprawie zasiłku, mieszkam w Utrechcie.", "cp1250"),
        ("Sayın yetkili, başvurumu ekte gönderiyorum. Teşekkürler, iyi günler.", "cp1254"),
        ("Здравствуйте, прошу рассмотреть моё заявление о пособии.", "cp1251"),
        ("Αγαπητέ κύριε, επισυνάπτω την αίτησή μου.", "cp1253"),
    ],
)
def test_other_legacy_code_pages(text, encoding):
    assert read_bytes(text.encode(encoding), "brief.txt").text == text
