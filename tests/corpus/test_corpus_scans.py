"""Scans and photos in the corpus generator: image-only, decodable, reproducible, true labels."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf
import pytest
from faker import Faker
from PIL import Image
from pypdf import PdfReader

from zeef_corpus import generate as G
from zeef_corpus import mrz, scan, tpl_id
from zeef_corpus.verify import check, norm

N = 3  # per category, spread over the three image formats: 24 documents (~20 s)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return G.generate_corpus(
        tmp_path_factory.mktemp("s"), n_per_category=N, seed=7, formats=G.IMAGE_FORMATS
    )


@pytest.fixture(scope="module")
def rows(corpus) -> list[dict]:
    return [json.loads(x) for x in (corpus / "labels.jsonl").read_text("utf-8").splitlines()]


def _doc(seed: int, layout, category: str = "id_copy"):
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    people = G.People(rng, fake, G.TODAY)
    case = G._new_case(rng, people, 0, 1, [])
    return G.build_doc(rng, case, category, layout=layout), rng


def test_image_formats_are_opt_in(tmp_path, capsys):
    assert G.FORMATS == ("txt", "pdf", "docx", "eml")
    assert G.IMAGE_FORMATS == ("scan", "png", "jpg")
    assert G.main([str(tmp_path / "d"), "--per-category", "1", "--seed", "5"]) == 0
    rows = [json.loads(x) for x in (tmp_path / "d" / "labels.jsonl").read_text().splitlines()]
    assert {r["format"] for r in rows} <= set(G.FORMATS)
    assert not any("degradation" in r for r in rows)
    assert G.main([str(tmp_path / "x"), "--per-category", "1", "--formats", "png,tiff"]) == 2
    assert "unknown format: tiff" in capsys.readouterr().err


def test_every_category_in_every_image_format(rows):
    assert len(rows) == len(G.CATEGORIES) * N
    assert {(r["category"], r["format"]) for r in rows} == {
        (c, f) for c in G.CATEGORIES for f in G.IMAGE_FORMATS
    }
    for r in rows:
        ext = {"scan": ".pdf", "png": ".png", "jpg": ".jpg"}[r["format"]]
        assert r["file"].endswith(ext)


def test_scans_are_image_only_pdfs(corpus, rows):
    scans = [r for r in rows if r["format"] == "scan"]
    assert scans
    for r in scans:
        reader = PdfReader(corpus / r["file"])
        assert len(reader.pages) == r["degradation"]["pages"] >= 1
        for page in reader.pages:
            assert (page.extract_text() or "").strip() == "", r["file"]
            assert list(page.images), r["file"]  # one scanned image per page
        with pymupdf.open(corpus / r["file"]) as doc:
            assert all(not p.get_text().strip() for p in doc)


def test_images_decode_with_plausible_sizes(corpus, rows):
    for r in rows:
        if r["format"] == "scan":
            continue
        with Image.open(corpus / r["file"]) as im:
            im.load()
            assert im.format == {"png": "PNG", "jpg": "JPEG"}[r["format"]]
            assert im.size == (r["degradation"]["width"], r["degradation"]["height"])
            # a card at 150 dpi is the smallest, a photographed page at 300 dpi the largest
            assert 300 <= min(im.size) and max(im.size) <= 4500, (r["file"], im.size)


def test_degradations_recorded(rows):
    kinds = set()
    for r in rows:
        d = r["degradation"]
        kinds.add(d["kind"])
        assert d["kind"] == "scan" if r["format"] == "scan" else d["kind"] in ("desk", "photo")
        assert 150 <= d["dpi"] <= 300
        assert -3.0 <= d["rotate"] <= 3.0
        assert d.get("turn", 0) in (0, 90, 180, 270)
        assert 0 < d["noise"] <= 9
        if r["format"] == "jpg" or (r["format"] == "scan" and d["color"] != "bw"):
            assert 45 <= d["jpeg_quality"] <= 92
    assert {"scan", "photo"} <= kinds


def test_labels_and_zones(corpus, rows):
    assert check(corpus) == []  # MRZ digits agree with mrz_valid
    for r in rows:
        # Every document names the subject, but a newsletter and a school letter (about
        # the child, to "the parents of") may not.
        assert r["subject"] or r["layout"] in ("newsletter", "school_letter"), r["file"]
        if r["category"] == "id_copy":
            assert r["id_document"]["number"] in r["subject"]
            if "mrz" in r:
                assert mrz.mrz_valid(r["mrz"]) is r["mrz_valid"]
                assert all(x in r["subject"] for x in r["mrz"])
            assert r["layout"] != "ocr_scan"  # a text OCR reading is not drawn as an image


def test_same_seed_same_bytes(corpus, tmp_path):
    again = G.generate_corpus(tmp_path / "b", n_per_category=N, seed=7, formats=G.IMAGE_FORMATS)
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (corpus / f).read_bytes() == (again / f).read_bytes(), f


@pytest.mark.parametrize(
    "layout",
    [
        tpl_id.nl_passport,
        tpl_id.nl_id_card,
        tpl_id.driving_licence,
        tpl_id.residence,
        tpl_id.foreign_passport,
        tpl_id.compact,
        tpl_id.w_document,
    ],
)
def test_cards_show_every_labelled_string(layout):
    """The card is drawn from the template's own text: every label is on the sheet (read
    from the vector sheet before it becomes an image), and the zone in monospace."""
    d, rng = _doc(3, layout)
    assert scan.is_card(d)
    sheet = scan._card_sheet(d, rng)
    with pymupdf.open(stream=sheet.pdf, filetype="pdf") as doc:
        drawn = norm(doc[0].get_text())
        fonts = {f[3] for f in doc[0].get_fonts()}
    for s in [x for v in d.labels.values() for x in v]:
        assert norm(s) in drawn, s
        assert norm(s) in norm(sheet.texts[0]), s
    if "mrz" in d.extra:
        assert any("Mono" in f or "Courier" in f for f in fonts), fonts


def test_photo_of_a_long_letter_keeps_only_what_it_shows():
    """A photo shows page 1: the labels keep the strings on page 1, the scan keeps all."""
    for seed in range(40):
        d, _ = _doc(seed, None, "bank_statement")
        data, meta_png = scan.render(d, "png", random.Random(1))
        if meta_png["degradation"].get("of_pages", 1) > 1:
            break
    else:
        pytest.skip("no multi-page statement in 40 seeds")
    labels = [x for v in d.labels.values() for x in v]
    # the same stream draws the same letter layout, so the scan has the same pages
    _, meta_scan = scan.render(d, "scan", random.Random(1))
    assert meta_scan["degradation"]["pages"] == meta_png["degradation"]["of_pages"]
    assert scan.visible(labels, meta_scan["text"]) == labels
    shown = scan.visible(labels, meta_png["text"])
    assert shown and set(shown) <= set(labels)


def _ocr_available() -> bool:
    from zeef.pipeline.extract import ocr

    return ocr.available()


@pytest.mark.skipif(not _ocr_available(), reason="tesseract with the Dutch model not installed")
@pytest.mark.parametrize("seed, valid", [(2, True), (59, False)])
def test_passport_photo_zone_after_ocr(tmp_path, seed, valid):
    """A photographed Dutch passport (seeded: 200 dpi photo) reads back through OCR: the
    valid zone gives the exact number and expiry; the broken one is found, not trusted."""
    from zeef.classifiers.id_document import read_id_document
    from zeef.pipeline.classify import classify_document
    from zeef.pipeline.extract import read_path

    d, rng = _doc(seed, tpl_id.nl_passport)
    assert d.extra["mrz_valid"] is valid
    data, meta = scan.render(d, "jpg", rng)
    assert meta["degradation"]["kind"] == "photo"
    path = tmp_path / "paspoort.jpg"
    path.write_bytes(data)
    read = read_path(path)
    found = read_id_document(read.text)
    assert found is not None
    if valid:
        assert found.trusted
        assert found.to_json() == d.extra["id_document"]
        result = classify_document(read, None)
        assert result.category.value == "id_copy"
        assert result.id_document == d.extra["id_document"]
    else:
        assert not found.trusted
        assert any("check digit" in r for r in found.reasons)
