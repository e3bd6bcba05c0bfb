"""The shipped categoriser: integrity-checked, calibrated, and right on clear cases."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from zeef.classifiers.categoriser import MODEL_PATH, ModelError, _Model, categorise
from zeef.domain.vocabulary import Category


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Rekeningoverzicht betaalrekening NL91 ABNA 0417 1643 00\nPeriode 1 t/m 31 "
            "januari\nBeginsaldo 1.204,50\n03-01 Albert Heijn BEA 45,20 af\n05-01 Huur "
            "woningcorporatie incasso 712,00 af\n25-01 Gemeente Utrecht uitkering 1.380,00 "
            "bij\nEindsaldo 1.827,30",
            Category.BANK_STATEMENT,
        ),
        (
            "Eigen aantekeningen consulent, niet voor het dossier.\n- mw maakt gespannen "
            "indruk\n- TODO: nabellen over huurachterstand\n- bespreken met collega",
            Category.PERSONAL_NOTE,
        ),
        (
            "Geachte collega,\nUw patiënte is bekend met een depressieve stoornis. Zij "
            "gebruikt sertraline 50 mg 1 dd. Verwijzing naar de GGZ voor behandeling.",
            Category.MEDICAL,
        ),
    ],
)
def test_clear_cases(text, expected):
    prediction = categorise(text, [])
    assert prediction.category is expected
    assert abs(sum(prediction.probabilities.values()) - 1.0) < 1e-6


def test_uncertain_text_gets_low_confidence():
    sure = categorise("Rekeningoverzicht saldo bij af incasso BEA " * 5, [])
    unsure = categorise("Zie bijlage.", [])
    assert unsure.confidence < sure.confidence
    assert unsure.confidence < 0.9


def test_an_altered_model_is_refused(tmp_path):
    copy = tmp_path / "categoriser.npz"
    shutil.copy(MODEL_PATH, copy)
    with np.load(copy, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["coef"] = arrays["coef"].copy()
    arrays["coef"][0, 0] += 1.0
    np.savez_compressed(copy, **arrays)
    with pytest.raises(ModelError, match="integrity"):
        _Model(copy)


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        _Model(tmp_path / "none.npz")
