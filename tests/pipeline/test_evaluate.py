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
