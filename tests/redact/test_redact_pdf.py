"""PDF redaction removes third parties for real, on PDFs made several ways.

Every case checks, on the output: the removed strings are gone per `find_leaks` and per
an independent check written here (pypdf's text, PyMuPDF's text, and the raw bytes of the
file and of every decompressed stream); the subject's name and ordinary words are still
in the text layer; one revision; no document info, XMP, annotations, embedded files,
JavaScript or form; a valid PDF with the same page count.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zlib

import pdf_makers as mk
import pymupdf
import pytest
from PIL import Image, ImageFont
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    StreamObject,
)

from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf
from zeef.pipeline.redact.verify import LeakError, find_leaks, write_verified

TARGETS = [
    RedactionTarget(mk.THIRD, "[derde 1]"),
    RedactionTarget(mk.THIRD_2, "[derde 2]"),
    RedactionTarget(mk.THIRD_ACCENT, "[derde 3]"),
]
KEPT = [mk.SUBJECT, *mk.KEEP_WORDS]

# case: (maker, strings it holds that must go, words that must stay besides the subject)
CASES = {
    "standard_font": (mk.standard_font_pdf, [mk.THIRD], KEPT),
    "subset_font": (mk.subset_font_pdf, [mk.THIRD, mk.THIRD_ACCENT], KEPT),
    "cid_font": (mk.cid_font_pdf, [mk.THIRD, mk.THIRD_ACCENT], KEPT),
    "char_space": (mk.char_space_pdf, [mk.THIRD], [mk.SUBJECT, "melding", "Einde"]),
    "kerned": (mk.kerned_pdf, [mk.THIRD], KEPT),
    "wrapped": (mk.wrapped_pdf, [mk.THIRD], KEPT),
    "split_page_and_hyphen": (mk.split_pdf, [mk.THIRD, mk.THIRD_ACCENT], [mk.SUBJECT, "gemeente"]),
    "form_xobject": (mk.form_xobject_pdf, [mk.THIRD], KEPT),
    "nested_xobject": (mk.nested_xobject_pdf, [mk.THIRD], [mk.SUBJECT, "woning", "gemeente"]),
    "actual_text": (mk.actual_text_pdf, [mk.THIRD], [mk.SUBJECT, "gemeente"]),
    "earlier_revision": (mk.earlier_revision_pdf, [mk.THIRD], KEPT),
    "metadata": (mk.metadata_pdf, [mk.THIRD, mk.THIRD_2], [mk.SUBJECT, "woning"]),
    "extras": (mk.extras_pdf, [mk.THIRD, mk.THIRD_2], [mk.SUBJECT, "woning", "melding"]),
    "rotated": (mk.rotated_pdf, [mk.THIRD], KEPT),
    "ocr_layer": (mk.ocr_layer_pdf, [mk.THIRD], [mk.SUBJECT, "gemeente"]),
    "off_page": (mk.off_page_pdf, [mk.THIRD], [mk.SUBJECT, "gemeente", "melding"]),
    "hidden_layer": (mk.hidden_layer_pdf, [mk.THIRD], [mk.SUBJECT, "gemeente", "melding"]),
}


# --- an independent check, written without the module under test ----------------------


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def pypdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def fitz_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(p.get_text() for p in doc)


def raw_blobs(data: bytes) -> list[bytes]:
    """The file's bytes, every stream pypdf finds decoded, and every Flate stream in the
    file bytes inflated (reachable or not)."""
    blobs = [data]
    reader = PdfReader(io.BytesIO(data))
    for generation, table in reader.xref.items():
        for number in table:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(obj, StreamObject):
                blobs.append(obj.get_data())
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            blobs.append(zlib.decompressobj().decompress(data[m.end() : end]))
        except zlib.error:
            pass
    return blobs


def raw_holds(data: bytes, s: str) -> bool:
    """`s` (or `s` without spaces) as a whole word in Latin-1, UTF-8 or UTF-16."""
    patterns = set()
    for variant in (s, s.replace(" ", "")):
        for encoding in ("latin-1", "utf-8", "utf-16-be"):
            try:
                form = variant.lower().encode(encoding)
            except UnicodeEncodeError:
                continue
            patterns.add(re.compile(rb"(?<![a-z0-9])" + re.escape(form) + rb"(?![a-z0-9])"))
    return any(p.search(blob.lower()) for blob in raw_blobs(data) for p in patterns)


def text_holds(text: str, s: str) -> bool:
    """`s` as whole words, whatever the whitespace (also none) between its words, also
    when hyphenated over a line break ("Ger-\nrit", "Çelik-\nBrouwer")."""
    texts = [_norm(text), re.sub(r"-\s+", "", _norm(text))]
    for needle in (_norm(s), _norm(s).replace("-", "")):
        pattern = r"(?<!\w)" + r"\s*".join(re.escape(w) for w in needle.split()) + r"(?!\w)"
        if any(re.search(pattern, t) for t in texts):
            return True
    return False


def assert_gone(out: bytes, removed: list[str]) -> None:
    assert find_leaks(out, removed) == []
    py, fz = pypdf_text(out), fitz_text(out)
    for s in removed:
        assert not text_holds(py, s), "pypdf text holds a removed string"
        assert not text_holds(fz, s), "PyMuPDF text holds a removed string"
        assert not raw_holds(out, s), "raw bytes hold a removed string"


def all_keys(data: bytes) -> set[str]:
    """Every dictionary key of every object in the file."""
    reader = PdfReader(io.BytesIO(data))
    keys: set[str] = set()

    def walk(obj, depth=0):
        if depth > 50 or isinstance(obj, IndirectObject):
            return
        if isinstance(obj, DictionaryObject):
            for k, v in obj.items():
                keys.add(str(k))
                walk(v, depth + 1)
        elif isinstance(obj, ArrayObject):
            for v in obj:
                walk(v, depth + 1)

    for generation, table in reader.xref.items():
        for number in table:
            walk(reader.get_object(IndirectObject(number, generation, reader)))
    walk(reader.trailer)
    return keys


def assert_clean_structure(out: bytes, pages: int) -> None:
    assert out.count(b"%%EOF") == 1
    assert out.count(b"startxref") == 1
    reader = PdfReader(io.BytesIO(out), strict=True)
    assert "/Prev" not in reader.trailer
    info = reader.trailer.get("/Info")
    assert info is None or not any(str(v).strip() for v in info.get_object().values())
    assert reader.xmp_metadata is None
    keys = all_keys(out)
    for key in ("/Metadata", "/Annots", "/EmbeddedFiles", "/EmbeddedFile", "/JavaScript",
                "/JS", "/AcroForm", "/OpenAction", "/AA", "/Outlines", "/PageLabels",
                "/StructTreeRoot", "/Thumb", "/PieceInfo", "/URI"):  # fmt: skip
        assert key not in keys, key
    assert len(reader.pages) == pages
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert doc.page_count == pages
        assert not doc.embfile_names()
        assert not doc.get_toc()
        assert all(not list(p.annots()) and not list(p.widgets()) for p in doc)
        assert not any(v for k, v in doc.metadata.items() if k not in ("format", "encryption"))


# --- the cases ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def made() -> dict[str, tuple[bytes, bytes]]:
    """Per case: (input, output)."""
    result = {}
    for name, (maker, _, _) in CASES.items():
        data = maker()
        result[name] = (data, redact_pdf(data, TARGETS))
    return result


@pytest.mark.parametrize("case", CASES)
def test_the_input_holds_what_must_go(case, made):
    """The makers are effective: each removed string is in the input to begin with."""
    data, _ = made[case]
    removed = CASES[case][1]
    assert find_leaks(data, removed) == removed
    for s in removed:
        assert (
            text_holds(pypdf_text(data), s) or text_holds(fitz_text(data), s)
            or raw_holds(data, s)
        )  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_removed_strings_are_gone(case, made):
    _, out = made[case]
    assert_gone(out, CASES[case][1])


@pytest.mark.parametrize("case", CASES)
def test_kept_strings_stay_in_the_text_layer(case, made):
    _, out = made[case]
    py, fz = pypdf_text(out), fitz_text(out)
    for s in CASES[case][2]:
        assert text_holds(py, s), s
        assert text_holds(fz, s), s


@pytest.mark.parametrize("case", CASES)
def test_one_clean_revision(case, made):
    data, out = made[case]
    assert_clean_structure(out, len(PdfReader(io.BytesIO(data)).pages))


def test_earlier_revision_holds_the_name_only_in_unreachable_bytes(made):
    data, out = made["earlier_revision"]
    assert data.count(b"%%EOF") == 2
    assert not text_holds(pypdf_text(data), mk.THIRD)
    assert not text_holds(fitz_text(data), mk.THIRD)
    assert raw_holds(data, mk.THIRD)
    assert not raw_holds(out, mk.THIRD)


def test_metadata_held_the_names_before(made):
    data, _ = made["metadata"]
    reader = PdfReader(io.BytesIO(data))
    assert mk.THIRD in reader.metadata.author
    assert mk.THIRD_2 in reader.metadata.title
    assert reader.xmp_metadata is not None


def test_extras_held_the_names_before(made):
    data, out = made["extras"]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert doc.embfile_names() and doc.get_toc() and doc.get_page_labels()
        assert {a.type[1] for a in doc[0].annots()} >= {"Text", "FreeText"}
        assert [w.field_value for w in doc[0].widgets()] == [mk.THIRD]
    # The form field's value and the free text were baked into the page, then redacted.
    assert fitz_text(out).count("[derde 1]") == 2
    assert "Tip van" in fitz_text(out)


def test_text_outside_the_visible_page_is_removed_and_the_boxes_kept(made):
    data, out = made["off_page"]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert mk.THIRD not in doc[0].get_text()  # a viewer does not show it
    assert text_holds(pypdf_text(data), mk.THIRD)  # but it is in the file
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        # Still inherited from the page tree.
        assert doc.xref_get_key(doc[0].xref, "MediaBox") == ("null", "null")
        assert doc.xref_get_key(doc[0].xref, "CropBox") == ("null", "null")
    page = PdfReader(io.BytesIO(out)).pages[0]
    assert list(page.mediabox) == [0, 0, 595, 842]
    assert list(page.cropbox) == [0, 0, 595, 760]
    assert page.rotation == 0


def test_hidden_layer_is_redacted_and_stays_hidden(made):
    data, out = made["hidden_layer"]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert mk.THIRD not in doc[0].get_text()  # a viewer hides it
    assert text_holds(pypdf_text(data), mk.THIRD)  # but it is in the file
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert len(doc.get_layer()["off"]) == 1  # the layer is still off by default


def test_a_pending_redaction_annotation_is_applied():
    data = mk.pending_redaction_pdf()
    assert "4711-ZX" in fitz_text(data)
    out = redact_pdf(data, TARGETS)
    assert "4711" not in fitz_text(out) and "4711" not in pypdf_text(out)
    assert mk.SUBJECT in fitz_text(out) and "gemeente" in fitz_text(out)
    assert_clean_structure(out, 1)


def test_page_rotation_is_kept(made):
    data, out = made["rotated"]
    assert [p.rotation for p in PdfReader(io.BytesIO(out)).pages] == [90, 0]


# --- black boxes ------------------------------------------------------------------------


def _dark_share(pix: pymupdf.Pixmap, rect: pymupdf.Rect, zoom: float) -> float:
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    box = (int(rect.x0 * zoom), int(rect.y0 * zoom), int(rect.x1 * zoom), int(rect.y1 * zoom))
    pixels = image.crop(box).convert("L").tobytes()
    return sum(1 for p in pixels if p < 80) / len(pixels)


@pytest.mark.parametrize("case", ["standard_font", "subset_font", "cid_font", "kerned", "wrapped",
                                  "form_xobject", "rotated", "char_space"])  # fmt: skip
def test_black_boxes_where_the_name_was(case, made):
    data, out = made[case]
    zoom = 2.0
    with (
        pymupdf.open(stream=data, filetype="pdf") as before,
        pymupdf.open(stream=out, filetype="pdf") as after,
    ):
        checked = 0
        for page_before, page_after in zip(before, after, strict=True):
            pix = page_after.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            for quad in page_before.search_for(mk.THIRD, quads=True):
                # Search results are in unrotated page space, the pixmap shows the page
                # turned; the middle of the box is checked (labels are white).
                rect = quad.rect * page_before.rotation_matrix
                dx, dy = rect.width * 0.3, rect.height * 0.3
                core = pymupdf.Rect(rect.x0 + dx, rect.y0 + dy, rect.x1 - dx, rect.y1 - dy)
                assert _dark_share(pix, core, zoom) > 0.6
                checked += 1
        assert checked


def test_name_three_times_on_two_pages_all_gone(made):
    data, out = made["standard_font"]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert [len(p.search_for(mk.THIRD)) for p in doc] == [2, 1]
    assert_gone(out, [mk.THIRD])
    assert fitz_text(out).count("[derde 1]") == 3
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert [len(p.search_for("derde 1")) for p in doc] == [2, 1]


def test_scan_pixels_under_the_name_are_blanked(made):
    """The OCR layer is redacted and the image itself loses the name's pixels (not just
    covered by the box)."""
    data, out = made["ocr_layer"]
    font = ImageFont.truetype(str(mk.DEJAVU), 44)  # the maker's scale: 4 px per point
    x0 = int(font.getlength("Melder: ")) + 4
    x1 = int(font.getlength(f"Melder: {mk.THIRD}")) - 4
    region = (x0, (18 + 2) * 4 + 8, x1, (18 + 2 + 11) * 4)

    def darkest(pdf: bytes) -> int:
        with pymupdf.open(stream=pdf, filetype="pdf") as doc:
            xref = doc[0].get_images()[0][0]
            pix = pymupdf.Pixmap(doc, xref)
            if pix.n != 1:
                pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
            image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            return min(image.crop(region).tobytes())

    assert darkest(data) < 50
    assert darkest(out) > 200


# --- finding: whole words, kept names, labels ----------------------------------------------


def test_short_names_are_removed_as_whole_words_only():
    out = redact_pdf(mk.substring_pdf(), [RedactionTarget("Jan", "[derde 4]"),
                                          RedactionTarget("Ali", "[derde 5]")])  # fmt: skip
    assert_gone(out, ["Jan", "Ali"])
    text = fitz_text(out)
    for word in ("januari", "Janssens", "Alina", "totalisatie", mk.SUBJECT):
        assert word in text


def test_a_name_inside_a_kept_name_stays():
    data = mk.make_lines([f"Gerrit Jansen ({mk.SUBJECT}s broer) en Gerrit kwamen samen."])
    out = redact_pdf(data, [RedactionTarget("Gerrit", "[derde 1]")], keep=["Gerrit Jansen"])
    text = fitz_text(out)
    assert "Gerrit Jansen" in text
    assert text.count("Gerrit") == 1


def test_targets_with_line_breaks_and_other_case_are_found():
    out = redact_pdf(mk.standard_font_pdf(), [RedactionTarget("gerrit\nDE  wit", "[derde 1]")])
    assert_gone(out, [mk.THIRD])


def test_labels_do_not_reintroduce_the_name(made):
    _, out = made["standard_font"]
    assert "[derde 1]" in pypdf_text(out)


def test_no_targets_still_sanitises(made):
    out = redact_pdf(mk.metadata_pdf(), [])
    assert_clean_structure(out, 1)
    assert find_leaks(out, [mk.THIRD_2]) == []  # it was only in the metadata


# --- bad input -----------------------------------------------------------------------------


def test_encrypted_pdf_is_refused():
    data = mk.encrypt(mk.standard_font_pdf(), user_password="geheim")
    with pytest.raises(RedactionError) as info:
        redact_pdf(data, TARGETS)
    assert str(info.value) == "encrypted PDF"


def test_owner_password_only_is_redacted_and_written_unencrypted():
    data = mk.encrypt(mk.standard_font_pdf(), user_password="")
    out = redact_pdf(data, TARGETS)
    assert not PdfReader(io.BytesIO(out)).is_encrypted
    assert_gone(out, [mk.THIRD])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.7\n" + b"\x00\xff" * 100,
        b"%PDF-1.7\n1 0 obj\n<</Type/Catalog>>\nendobj\n%%EOF\n",
    ],  # fmt: skip
    ids=["empty", "text", "garbage", "no-pages"],
)
def test_corrupt_pdf_is_refused_with_a_one_line_message(data):
    with pytest.raises(RedactionError) as info:
        redact_pdf(data, TARGETS)
    assert "\n" not in str(info.value)
    assert mk.THIRD not in str(info.value)


# --- verification and writing ---------------------------------------------------------------


def test_find_leaks_reports_each_route():
    # Text only: kerned, the name is never one string in the file.
    assert find_leaks(mk.kerned_pdf(), [mk.THIRD]) == [mk.THIRD]
    # Only in an earlier revision's compressed stream, unreachable.
    assert find_leaks(mk.earlier_revision_pdf(), [mk.THIRD, mk.THIRD_2]) == [mk.THIRD]
    # Only in metadata (XMP and UTF-16 /Title).
    assert find_leaks(mk.metadata_pdf(), [mk.THIRD_2]) == [mk.THIRD_2]
    # Only in an embedded file, a JavaScript action, an outline item.
    assert find_leaks(mk.extras_pdf(), [mk.THIRD_2]) == [mk.THIRD_2]


def test_find_leaks_matches_whole_strings_loosely():
    pdf = mk.make_lines(["GerritdeWit belde in januari; G e r r i t stond er ook."])
    assert find_leaks(pdf, [mk.THIRD, "Jan", "Gerrit", "Zoë de Wit"]) == [mk.THIRD, "Gerrit"]
    assert find_leaks(pdf, ["GERRITDEWIT"]) == ["GERRITDEWIT"]
    assert find_leaks(pdf, []) == []


def test_a_damaged_xref_is_repaired_and_redacted():
    data = mk.standard_font_pdf()
    damaged = data[: data.rindex(b"xref")]  # no cross-reference table, no trailer
    out = redact_pdf(damaged, TARGETS)
    assert_gone(out, [mk.THIRD])
    assert text_holds(pypdf_text(out), mk.SUBJECT)


def test_find_leaks_fails_closed_on_unreadable_output():
    assert find_leaks(b"%PDF-1.7\ngarbage", [mk.THIRD, "x y z"]) == [mk.THIRD, "x y z"]


def test_write_verified_writes_a_clean_pdf(tmp_path, made):
    _, out = made["standard_font"]
    target = tmp_path / "inzage.pdf"
    write_verified(target, out, [mk.THIRD])
    assert target.read_bytes() == out
    assert [p.name for p in tmp_path.iterdir()] == ["inzage.pdf"]


def test_write_verified_refuses_a_leaky_pdf_and_leaves_nothing(tmp_path):
    leaky = mk.standard_font_pdf()  # a box drawn over it would be no better
    target = tmp_path / "inzage.pdf"
    target.write_bytes(b"an older output")
    with pytest.raises(LeakError) as info:
        write_verified(target, leaky, [mk.THIRD, mk.THIRD_2])
    assert info.value.count == 1
    assert mk.THIRD not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_box_over_text_is_caught(tmp_path):
    """The classic failure: a black rectangle drawn over the name, text still there."""
    with pymupdf.open(stream=mk.standard_font_pdf(), filetype="pdf") as doc:
        for page in doc:
            for rect in page.search_for(mk.THIRD):
                page.draw_rect(rect, fill=(0, 0, 0))
        covered = doc.tobytes(garbage=4, deflate=True)
    with pytest.raises(LeakError):
        write_verified(tmp_path / "out.pdf", covered, [mk.THIRD])
    assert list(tmp_path.iterdir()) == []


# --- speed --------------------------------------------------------------------------------


def test_ten_pages_twenty_names_is_quick():
    names = [f"{first} {last}" for first, last in zip(
        ["Anna", "Bram", "Chris", "Daan", "Eva", "Fenna", "Gijs", "Hanna", "Ivo", "Joost"],
        ["Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
         "Vos", "Peters"], strict=True)]  # fmt: skip
    names += [f"{n.split()[0]}je {n.split()[-1]}sma" for n in names]
    data = mk.multi_page_pdf(10, names)
    targets = [RedactionTarget(n, f"[derde {i + 1}]") for i, n in enumerate(names)]
    start = time.perf_counter()
    out = redact_pdf(data, targets)
    elapsed = time.perf_counter() - start
    assert_gone(out, names)
    assert elapsed < 10


def test_nothing_is_logged_or_printed(caplog, capfd):
    """Neither module, nor pypdf or MuPDF under them, writes document content out."""
    caplog.set_level(logging.DEBUG)
    for maker in (mk.cid_font_pdf, mk.kerned_pdf, mk.extras_pdf):
        data = maker()
        find_leaks(data, [mk.THIRD])
        find_leaks(redact_pdf(data, TARGETS), [mk.THIRD])
    data = mk.standard_font_pdf()
    damaged = data[: data.rindex(b"xref")]
    find_leaks(damaged, [mk.THIRD])
    find_leaks(redact_pdf(damaged, TARGETS), [mk.THIRD])
    out, err = capfd.readouterr()
    for name in (mk.THIRD, mk.THIRD_2, "Gerrit"):
        assert name not in caplog.text
        assert name not in out + err
