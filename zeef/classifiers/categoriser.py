"""The document categoriser: which of the nine kinds a document is, with a calibrated
confidence.

A linear model (multinomial logistic regression) over two kinds of evidence:
- the words of the text (folded unigrams and bigrams, sub-linear counts), and
- what the analyzer found: entity types with their roles ("a third party's phone
  number", "the subject's IBAN"), money amounts, machine-readable zones, medical terms
  from deduce's medical term list, first-person writing.

The model is trained by `zeef_corpus.train` (the corpus package beside zeef,
`docs/corpus.md`) on the synthetic corpus and shipped in `model/categoriser.npz` with a
format version and the sha256 of its arrays; a file that fails the check is refused, not
silently used. Its probabilities are calibrated with a
temperature fitted on held-out data, so `confidence` means what it says and can drive
the review threshold. Inference is numpy only (no scikit-learn at run time).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from zeef.classifiers import lexicon
from zeef.classifiers.lexicon import fold
from zeef.domain.errors import ModelError
from zeef.domain.vocabulary import Category

FORMAT_VERSION = 1
MODEL_PATH = Path(__file__).with_name("model") / "categoriser.npz"

_WORD = re.compile(r"[^\W\d_]{2,}")
_MONEY = re.compile(r"(?:€|eur\b|euro\b)\s*-?\d|\b\d{1,3}(?:\.\d{3})*,\d{2}\b", re.IGNORECASE)
_MRZ = re.compile(r"^[A-Z0-9<]{28,44}$", re.MULTILINE)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|mij|me)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:u|uw)\b", re.IGNORECASE)
_MAX_CHARS = 200_000  # categorise on the first 200k characters (a long document's start)
_TITLE_CHARS = 300  # the title words come from the first 300 characters


def model_digest(coef: np.ndarray, intercept: np.ndarray, vocab: list[str]) -> str:
    """The sha256 a model file carries of its arrays and vocabulary (written by train.py,
    checked on load)."""
    digest = hashlib.sha256(coef.tobytes() + intercept.tobytes())
    digest.update("\n".join(vocab).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Prediction:
    category: Category
    confidence: float
    probabilities: dict[str, float]


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-9" if n <= 9 else "10+"


@cache
def _cues() -> tuple[dict[str, set[str]], dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """Cue words, prefixes and phrases per category, from lexicons/category_cues.txt."""
    words: dict[str, set[str]] = {}
    prefixes: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    path = Path(lexicon.__file__).with_name("lexicons") / "category_cues.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, phrase = line.split("\t", 1)
        phrase = fold(phrase.strip())
        if phrase.endswith("*"):
            prefixes.setdefault(category, []).append(phrase[:-1])
        elif " " in phrase or not _WORD.fullmatch(phrase):
            phrases.setdefault(category, []).append(phrase)
        else:
            words.setdefault(category, set()).add(phrase)
    return words, {c: tuple(p) for c, p in prefixes.items()}, phrases


def _cue_counts(words: list[str]) -> dict[str, int]:
    cue_words, cue_prefixes, cue_phrases = _cues()
    counts = Counter(words)
    joined = " " + " ".join(words) + " "
    out: dict[str, int] = {}
    for category in sorted({*cue_words, *cue_prefixes, *cue_phrases}):
        n = sum(counts[w] for w in cue_words.get(category, ()))
        prefixes = cue_prefixes.get(category, ())
        if prefixes:
            n += sum(c for w, c in counts.items() if w.startswith(prefixes))
        n += sum(joined.count(f" {p} ") for p in cue_phrases.get(category, ()))
        out[category] = n
    return out


def features(text: str, findings) -> dict[str, float]:
    """The sparse feature vector of a document (before the model's weighting)."""
    text = text[:_MAX_CHARS]
    words = [fold(w) for w in _WORD.findall(text)]
    counts: Counter[str] = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    feats: dict[str, float] = {k: 1.0 + math.log(v) for k, v in counts.items()}
    # The opening lines (letterhead, title, "Betreft:") say most about what a document
    # is: their words count again as title words.
    for w in set(_WORD.findall(text[:_TITLE_CHARS])):
        feats[f"t:{fold(w)}"] = 1.5

    medical = lexicon.medical_terms()
    n_med = sum(1 for w in words if len(w) > 4 and w in medical)
    ents: Counter[str] = Counter()
    for f in findings:
        ents[f"__ent:{f.type}"] += 1
        ents[f"__ent:{f.type}:{f.role.value}"] += 1
        ents[f"__role:{f.role.value}"] += 1
    specials = {
        "__medical_terms": n_med,
        "__money": len(_MONEY.findall(text)),
        "__mrz": len(_MRZ.findall(text)),
        "__first_person": len(_FIRST_PERSON.findall(text)),
        "__second_person": len(_SECOND_PERSON.findall(text)),
        "__length_words": len(words) // 50,
        **ents,
    }
    cues = _cue_counts(words)
    for category, n in cues.items():
        specials[f"__cue:{category}"] = n
    top = max(cues.values(), default=0)
    if top:
        leaders = [c for c, n in cues.items() if n == top]
        feats[f"__cue_top={leaders[0] if len(leaders) == 1 else 'tie'}"] = 2.0
    for name, n in specials.items():
        feats[f"{name}={_bucket(n)}"] = 2.0
    return feats


class _Model:
    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ModelError(f"categoriser model missing at {path}; run `make model`")
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format_version") != FORMAT_VERSION:
                raise ModelError("categoriser model has another format version; retrain it")
            coef = z["coef"]
            intercept = z["intercept"]
            vocab = [str(v) for v in z["vocab"]]
            if model_digest(coef, intercept, vocab) != meta.get("sha256"):
                raise ModelError("categoriser model fails its integrity check; retrain it")
        self.classes = [Category(c) for c in meta["classes"]]
        # The layouts (`category/template`) it was trained on: `zeef evaluate` tells
        # documents of those from documents of templates it never saw.
        self.layouts = frozenset(meta.get("layouts", ()))
        self.temperature = float(meta["temperature"])
        self.coef = coef.astype(np.float64)  # (n_features, n_classes)
        self.intercept = intercept.astype(np.float64)
        self.index = {w: i for i, w in enumerate(vocab)}

    def predict(self, feats: dict[str, float]) -> np.ndarray:
        idx, vals = [], []
        for k, v in feats.items():
            i = self.index.get(k)
            if i is not None:
                idx.append(i)
                vals.append(v)
        logits = self.intercept.copy()
        if idx:
            x = np.asarray(vals)
            x /= np.linalg.norm(x) or 1.0
            logits += x @ self.coef[idx]
        z = logits / self.temperature
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()


@cache
def model() -> _Model:
    return _Model(MODEL_PATH)


def categorise(text: str, findings) -> Prediction:
    m = model()
    p = m.predict(features(text, findings))
    best = int(np.argmax(p))
    return Prediction(
        category=m.classes[best],
        confidence=float(p[best]),
        probabilities={c.value: float(v) for c, v in zip(m.classes, p, strict=True)},
    )
