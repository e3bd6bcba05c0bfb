"""A document that would be kept in a dossier part but may well be medical or an ID copy
(its calibrated probability at least `DOSSIER_GUARD`) goes to a person instead."""

from __future__ import annotations

import pytest

from zeef.classifiers.categoriser import Prediction
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline import classify

TEXT = "Mijn buurman werkt zwart bij een garage aan de Dorpsstraat."


def _predict(category: Category, **probabilities: float):
    def categorise(text, findings):
        p = {c.value: 0.0 for c in Category}
        p.update(probabilities)
        p[category.value] = 1.0 - sum(v for k, v in probabilities.items() if k != category.value)
        return Prediction(category=category, confidence=p[category.value], probabilities=p)

    return categorise


@pytest.mark.parametrize(
    ("guarded", "reason"), [("medical", "possibly_medical"), ("id_copy", "possibly_id_copy")]
)
def test_a_tip_that_may_be_medical_or_an_id_copy_goes_to_review(monkeypatch, guarded, reason):
    monkeypatch.setattr(
        classify, "categorise", _predict(Category.THIRD_PARTY_TIP, **{guarded: 0.2})
    )
    result = classify.classify_text("tip.txt", TEXT, None)
    assert result.category is Category.THIRD_PARTY_TIP
    assert result.disposition is Disposition.REVIEW
    assert reason in result.reasons


def test_below_the_guard_the_document_is_routed(monkeypatch):
    monkeypatch.setattr(classify, "categorise", _predict(Category.THIRD_PARTY_TIP, medical=0.05))
    result = classify.classify_text("tip.txt", TEXT, None)
    assert result.disposition is Disposition.WORKING
    assert not result.reasons


def test_what_is_not_kept_in_a_dossier_is_not_held_back(monkeypatch):
    # A personal note is excluded, not kept: nothing to guard.
    monkeypatch.setattr(classify, "categorise", _predict(Category.PERSONAL_NOTE, medical=0.3))
    result = classify.classify_text("notitie.txt", "Terugbellen do.", None)
    assert result.disposition is Disposition.EXCLUDE
