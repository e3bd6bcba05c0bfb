"""`zeef evaluate` on the two labelled-folder layouts municipalities use."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zeef.domain.vocabulary import Category
from zeef.pipeline.evaluate import EvaluationError, evaluate_folder, format_report

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"


def test_labels_file_layout_reports_every_metric():
    report = evaluate_folder(HOLDOUT, limit=16)
    assert report["documents"] == 16
    for key in ("accuracy", "macro_f1", "disposition_accuracy", "review_rate"):
        assert 0.0 <= report[key] <= 1.0
    confusion = report["confusion"]
    assert sum(sum(row.values()) for row in confusion.values()) == 16
    assert report["third_party"]["strings"] > 0
    text = format_report(report)
    assert "macro-F1" in text and "confusion" in text


def test_category_folder_layout(tmp_path):
    labels = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    picked = {}
    for row in labels:
        picked.setdefault(row["category"], row)
    for category, row in picked.items():
        (tmp_path / category).mkdir()
        shutil.copy(HOLDOUT / row["file"], tmp_path / category / Path(row["file"]).name)
    report = evaluate_folder(tmp_path)
    assert report["documents"] == len(picked) == len(Category)
    assert set(report["distribution"]) == set(picked)
    # Without case files nobody is the subject, but categories are still scored.
    assert report["accuracy"] >= 0.5


def test_wrong_labels_are_a_clear_error(tmp_path):
    (tmp_path / "labels.jsonl").write_text('{"file": "a.txt", "category": "recipe"}\n')
    with pytest.raises(EvaluationError, match="unknown category"):
        evaluate_folder(tmp_path)
    with pytest.raises(EvaluationError, match="not a folder"):
        evaluate_folder(tmp_path / "missing")


def test_unsafe_routing_counts_a_medical_part_kept_in_a_dossier(tmp_path, monkeypatch):
    """The safety figure: a medical document (or page, or e-mail part) or an ID copy that
    ends in a dossier part is counted; the same document sent to the adviser is not."""
    from zeef.domain.vocabulary import Disposition
    from zeef.pipeline import evaluate

    rows = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    medical = next(r for r in rows if r["category"] == "medical")
    shutil.copytree(HOLDOUT / "cases", tmp_path / "cases")
    (tmp_path / "docs").mkdir()
    shutil.copy(HOLDOUT / medical["file"], tmp_path / medical["file"])
    (tmp_path / "labels.jsonl").write_text(json.dumps(medical) + "\n")
    assert evaluate_folder(tmp_path)["unsafe_routing"] == 0

    real = evaluate.classify_document

    def kept_in_the_dossier(read, case):
        result = real(read, case)
        result.disposition = Disposition.WORKING
        return result

    monkeypatch.setattr(evaluate, "classify_document", kept_in_the_dossier)
    assert evaluate_folder(tmp_path)["unsafe_routing"] == 1


def _one_labelled(tmp_path: Path, row: dict) -> Path:
    shutil.copytree(HOLDOUT / "cases", tmp_path / "cases")
    (tmp_path / "docs").mkdir()
    shutil.copy(HOLDOUT / row["file"], tmp_path / row["file"])
    (tmp_path / "labels.jsonl").write_text(json.dumps(row) + "\n")
    return tmp_path


def test_id_numbers_are_scored_against_the_label(tmp_path):
    """An ID copy labelled with its number and expiry: read exactly, or (with another
    label) read wrong; the figure a municipality checks before trusting the reduction."""
    rows = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    card = next(r for r in rows if r.get("id_document") and "I<NLD" in
                (HOLDOUT / r["file"]).read_text())  # fmt: skip
    folder = _one_labelled(tmp_path / "right", card)
    ids = evaluate_folder(folder)["id_documents"]
    assert ids == {"labelled": 1, "exact": 1, "exact_share": 1.0, "wrong": 0, "unread": 0}
    other = dict(card, id_document=dict(card["id_document"], valid_until="2099-01-01"))
    ids = evaluate_folder(_one_labelled(tmp_path / "wrong", other))["id_documents"]
    assert (ids["exact"], ids["wrong"]) == (0, 1)
    assert "ID number and expiry 0 of 1 exact" in format_report(evaluate_folder(tmp_path / "wrong"))


def test_each_document_not_right_is_listed_by_file_and_codes_only(tmp_path):
    """What went wrong, per file: the categories, dispositions and reason codes, never a
    word of the document (the list goes into reports that are shared)."""
    rows = [json.loads(line) for line in (HOLDOUT / "labels.jsonl").read_text().splitlines()]
    medical = next(r for r in rows if r["category"] == "medical")
    folder = _one_labelled(tmp_path, dict(medical, category="other", disposition="review"))
    report = evaluate_folder(folder)
    (miss,) = report["misses"]
    assert miss["file"] == medical["file"]
    assert (miss["category"], miss["predicted"]) == ("other", "medical")
    assert (miss["disposition"], miss["got"]) == ("review", "forward_medical_adviser")
    text = (HOLDOUT / medical["file"]).read_text()
    words = {w for w in text.split() if len(w) > 3}
    assert not words & set(json.dumps(miss).replace('"', " ").split())
    assert f"{medical['file']}: other -> medical" in format_report(report)
    right = evaluate_folder(_one_labelled(tmp_path / "right", medical))
    assert right["misses"] == []


def test_glued_documents_are_scored_by_where_their_pages_went():
    """A glued file's documents, each by the disposition its pages were routed with; a
    segment in doubt sends the whole file to review, so then every page counts as
    review."""
    from zeef.domain.vocabulary import Disposition
    from zeef.pipeline.classify import Classification
    from zeef.pipeline.evaluate import _GluedScore
    from zeef.pipeline.labelled import LabelledDocument

    def seg(pages, category, disposition):
        return Classification("g.pdf", "0" * 64, Category(category), 0.9, False,
                              Disposition(disposition), pages=pages)  # fmt: skip

    doc = LabelledDocument(
        path=Path("g.pdf"), category=Category.MEDICAL,
        segments=[{"pages": [1, 2], "category": "application", "disposition": "archive"},
                  {"pages": [3], "category": "medical",
                   "disposition": "forward_medical_adviser"}],
    )  # fmt: skip
    parts = [seg([1, 2], "application", "archive"),
             seg([3], "medical", "forward_medical_adviser")]  # fmt: skip
    result = seg([], "medical", "forward_medical_adviser")
    result.segments = parts
    score = _GluedScore()
    score.add(doc, result, 3)
    assert score.report()["segment_disposition_accuracy"] == 1.0
    result.reasons = ["low_confidence", "segment_in_doubt"]
    result.disposition = Disposition.REVIEW
    score = _GluedScore()
    score.add(doc, result, 3)
    assert score.report()["segment_disposition_accuracy"] == 0.0
