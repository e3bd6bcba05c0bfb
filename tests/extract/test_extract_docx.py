from __future__ import annotations

import io
import zipfile

import docx
import pytest
from makers import DISTINCTIVE, make_docx

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import docx as docx_reader
from zeef.pipeline.extract import read_bytes, read_path
from zeef.pipeline.extract.docx import MEDIA_TYPE


def test_paragraphs_table_header_footer_in_order(tmp_path):
    data = make_docx(
        ["Verklaring", f"Ondergetekende {DISTINCTIVE} verklaart:"],
        table=[["Naam", "Bedrag"], ["Huur", "650,00"], ["Zorgverzekering", "140,00"]],
        header="Gemeente Utrecht - vertrouwelijk",
        footer="Pagina-voettekst",
        after_table=["Handtekening"],
    )
    path = tmp_path / "verklaring.docx"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.media_type == MEDIA_TYPE
    assert doc.name == "verklaring.docx"
    assert doc.data == data
    assert doc.page_starts == [0]
    assert not doc.needs_ocr
    assert doc.text.split("\n") == [
        "Gemeente Utrecht - vertrouwelijk",
        "Verklaring",
        f"Ondergetekende {DISTINCTIVE} verklaart:",
        "Naam\tBedrag",
        "Huur\t650,00",
        "Zorgverzekering\t140,00",
        "Handtekening",
        "Pagina-voettekst",
    ]


def test_merged_cells_and_multi_paragraph_cells():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Samengevoegd"
    table.cell(0, 2).text = "Los"
    table.cell(1, 0).text = "Regel 1"
    table.cell(1, 0).add_paragraph("Regel 2")
    buf = io.BytesIO()
    document.save(buf)
    doc = read_bytes(buf.getvalue(), "t.docx")
    # merged cells once (python-docx's own row.cells would repeat them)
    assert doc.text == "Samengevoegd\tLos\nRegel 1\nRegel 2\t\t"


def test_runs_tabs_breaks_and_comments():
    document = docx.Document()
    paragraph = document.add_paragraph("Naam:")
    paragraph.add_run().add_tab()
    run = paragraph.add_run("Jan")
    run.add_break()
    paragraph.add_run("de Vries")
    document.add_comment(run, text="Is dit de buurman?", author="Medewerker")
    buf = io.BytesIO()
    document.save(buf)
    doc = read_bytes(buf.getvalue(), "x.docx")
    assert doc.text.split("\n") == ["Naam:\tJan", "de Vries", "Is dit de buurman?"]


def test_docx_found_by_content_not_name():
    doc = read_bytes(make_docx(["Hallo"]), "bijlage")
    assert doc.media_type == MEDIA_TYPE
    assert doc.text == "Hallo"


def test_truncated_docx():
    data = make_docx([f"Brief van {DISTINCTIVE}"] * 50)
    with pytest.raises(UnreadableDocument, match="^corrupt DOCX"):
        read_bytes(data[: len(data) // 2], "brief.docx")


def test_zip_that_is_not_a_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("data.csv", "a;b\n")
    with pytest.raises(UnreadableDocument, match="^unsupported"):
        read_bytes(buf.getvalue(), "archief.zip")
    # with a .docx name it is taken for a Word document, and refused as such
    with pytest.raises(UnreadableDocument, match="DOCX"):
        read_bytes(buf.getvalue(), "archief.docx")


def test_unpacked_size_cap(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(UnreadableDocument, match="too large when unpacked"):
        read_bytes(make_docx(["x"]), "x.docx")


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_BLOCKS = f"""<w:body {_NS}>
<w:sdt><w:sdtPr><w:alias w:val="Naam aanvrager"/></w:sdtPr><w:sdtContent>
  <w:p><w:r><w:t>Ingevuld: Karel Appel</w:t></w:r></w:p>
</w:sdtContent></w:sdt>
<w:p>
  <w:r><w:t xml:space="preserve">Bedrag </w:t></w:r>
  <w:del><w:r><w:delText>100</w:delText></w:r></w:del>
  <w:ins><w:r><w:t>200</w:t></w:r></w:ins>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r>
  <w:r><w:instrText>PAGE</w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="separate"/></w:r>
  <w:r><w:t xml:space="preserve"> euro</w:t></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>Tekstvak: Piet Mondriaan</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>Tekstvak: Piet Mondriaan</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent></w:r>
</w:p>
</w:body>"""


def test_content_controls_revisions_fields_and_text_boxes():
    from docx.oxml.parser import parse_xml

    document = docx.Document()
    document.add_paragraph("Begin")
    body = document.element.body
    sect_pr = body[-1]
    for block in parse_xml(_BLOCKS):
        sect_pr.addprevious(block)
    buf = io.BytesIO()
    document.save(buf)
    doc = read_bytes(buf.getvalue(), "formulier.docx")
    assert doc.text.split("\n") == [
        "Begin",
        "Ingevuld: Karel Appel",
        "Bedrag 200 euro",
        "Tekstvak: Piet Mondriaan",
    ]


def test_macro_enabled_document_is_refused_as_such():
    source = zipfile.ZipFile(io.BytesIO(make_docx(["Met macro's"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                ).replace(
                    b"application/vnd.openxmlformats-officedocument.ms-word",
                    b"application/vnd.ms-word",
                )
            target.writestr(item, content)
    with pytest.raises(UnreadableDocument, match="^unsupported kind of Word document$"):
        read_bytes(buf.getvalue(), "macro.docm")


# -- hostile XML: entities, external entities, every part --------------------------------


def _with_document_xml(body: str, doctype: str = "") -> bytes:
    """A Word file whose word/document.xml is `body` (inside w:body), after `doctype`."""
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


def test_text_after_an_unresolved_entity_is_kept():
    body = "<w:p><w:r><w:t>Jan &foo; de Vries woont</w:t></w:r></w:p>"
    data = _with_document_xml(body, '<!DOCTYPE w:document SYSTEM "http://example.invalid/x.dtd">')
    assert read_bytes(data, "brief.docx").text.split() == ["Jan", "de", "Vries", "woont"]


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-9f3a")
    dtd = tmp_path / "p.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}">')
    doctype = (
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY pw SYSTEM "file:///etc/passwd">'
        f'<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>'
    )
    body = "<w:p><w:r><w:t>Voor &xxe; midden &pw; na &leak; einde</w:t></w:r></w:p>"
    text = read_bytes(_with_document_xml(body, doctype), "xxe.docx").text
    assert "GEHEIM" not in text and "root:" not in text
    assert text.split() == ["Voor", "midden", "na", "einde"]


def test_properties_that_name_people_are_read():
    document = docx.Document()
    document.add_paragraph("Verslag")
    document.core_properties.author = DISTINCTIVE
    document.core_properties.last_modified_by = "J. Jansen"
    buf = io.BytesIO()
    document.save(buf)
    lines = read_bytes(buf.getvalue(), "v.docx").text.split("\n")
    assert lines == ["Verslag", f"Auteur: {DISTINCTIVE}", "Laatst gewijzigd door: J. Jansen"]


def test_xml_that_is_not_well_formed_is_one_line():
    data = _with_document_xml("<w:p><w:r><w:t>Jan &foo; de Vries</w:t></w:r></w:p>")
    with pytest.raises(UnreadableDocument, match=r"^corrupt DOCX \(XML not well-formed\)$"):
        read_bytes(data, "kapot.docx")
