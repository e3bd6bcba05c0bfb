"""Train the categoriser on labelled folders and write `model/categoriser.npz`.

    python -m zeef_corpus.train build/train-corpus [more folders] [--out PATH]

Needs scikit-learn (a dependency of zeef-corpus, not of zeef); the shipped model is read
with numpy alone. By default the model is written into the zeef package it will ship in
(`zeef/classifiers/model/categoriser.npz` of the installed or editable zeef).
Documents are read and analysed exactly as `zeef classify` reads them, so the model sees
what it will see in use. E-mail parts are training examples of their own category.
Every layout (template) is held out whole once (grouped 4-fold cross-validation: about a
quarter of each category's layouts per fold): the figures printed, per category and per
layout, are on templates the model did not see, and the calibration temperature is fitted
on those out-of-fold predictions; the final model is then refitted on everything with
that temperature. The layouts it was trained on are kept in the model's metadata, so
`zeef evaluate` can tell seen from unseen templates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from zeef.classifiers.analyzer import analyze
from zeef.classifiers.categoriser import FORMAT_VERSION, MODEL_PATH, features, model_digest
from zeef.classifiers.roles import assign_roles
from zeef.domain.case import load_case
from zeef.domain.errors import UnreadableDocument
from zeef.domain.vocabulary import Category
from zeef.pipeline.extract import read_path
from zeef.pipeline.labelled import read_labelled_folder

C = 1.0
MIN_DF = 2


def examples(
    folders: list[Path], groups: list[str] | None = None
) -> tuple[list[dict[str, float]], list[str]]:
    """Feature dicts and labels; with `groups`, also each example's layout name."""
    X: list[dict[str, float]] = []
    y: list[str] = []
    for folder in folders:
        for doc in read_labelled_folder(folder):
            case = load_case(doc.case_path) if doc.case_path else None
            try:
                read = read_path(doc.path)
            except UnreadableDocument:
                continue
            if read.parts:
                labels = {p["name"]: p["category"] for p in doc.parts}
                if len(doc.parts) == len(read.parts) and not all(
                    part.name in labels for part in read.parts
                ):
                    # Same parts, other names (forwarded messages): match by position.
                    labels = {
                        part.name: p["category"]
                        for part, p in zip(read.parts, doc.parts, strict=True)
                    }
                layouts = {p["name"]: p.get("layout", "") for p in doc.parts}
                pieces = [
                    (part.text, labels.get(part.name), layouts.get(part.name, ""))
                    for part in read.parts
                ]
            else:
                pieces = [(read.text, doc.category.value, doc.layout)]
            for text, label, layout in pieces:
                if not label or not text.strip():
                    continue
                findings = assign_roles(text, analyze(text), case)
                X.append(features(text, findings))
                y.append(label)
                if groups is not None:
                    groups.append(f"{label}/{layout or 'unknown'}")
    return X, y


def _matrix(X: list[dict[str, float]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, feats in enumerate(X):
        items = [(index[k], v) for k, v in feats.items() if k in index]
        norm = float(np.sqrt(sum(v * v for _, v in items))) or 1.0
        for c, v in items:
            rows.append(r)
            cols.append(c)
            vals.append(v / norm)
    return csr_matrix((vals, (rows, cols)), shape=(len(X), len(index)))


FOLDS = 4


def _layout_folds(groups: list[str], seed: int, folds: int = FOLDS) -> np.ndarray:
    """The fold of each example: each category's layouts dealt over `folds` folds, whole.

    A model is judged, and its temperature fitted, on documents of templates it has
    never seen, the way it will meet a municipality's documents; a random split would
    hold out siblings of training documents and make the model look surer than it is.
    """
    rng = np.random.default_rng(seed)
    by_category: dict[str, list[str]] = {}
    for g in sorted(set(groups)):
        by_category.setdefault(g.split("/", 1)[0], []).append(g)
    fold_of: dict[str, int] = {}
    for layouts in by_category.values():
        order = rng.permutation(len(layouts))
        for i, j in enumerate(order):
            fold_of[layouts[j]] = i % folds
    return np.array([fold_of[g] for g in groups])


def _scores(y_true: np.ndarray, y_pred: np.ndarray, classes: list[str]) -> dict:
    per = {}
    f1s = []
    for c in classes:
        tp = int(((y_true == c) & (y_pred == c)).sum())
        fp = int(((y_true != c) & (y_pred == c)).sum())
        fn = int(((y_true == c) & (y_pred != c)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per[c] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}
        if tp + fn:
            f1s.append(f1)
    return {
        "accuracy": round(float((y_true == y_pred).mean()), 3),
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
        "per_category": per,
    }


def _fit(Xm, y):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(Xm, y)
    return clf


def _temperature(logits: np.ndarray, y_idx: np.ndarray) -> float:
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 60)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(y_idx)), y_idx].mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def train(folders: list[Path], out: Path, seed: int = 0) -> dict:
    groups: list[str] = []
    X, y = examples(folders, groups)
    if len(set(y)) < len(Category):
        missing = sorted({c.value for c in Category} - set(y))
        raise SystemExit(f"training data lacks categories: {', '.join(missing)}")
    df = Counter(k for feats in X for k in feats)
    vocab = sorted(k for k, n in df.items() if n >= MIN_DF)
    index = {k: i for i, k in enumerate(vocab)}
    classes = [c.value for c in Category]

    fold = _layout_folds(groups, seed)
    Xm = _matrix(X, index)
    y_arr = np.array(y)
    logits = np.zeros((len(y), len(classes)))
    for k in range(FOLDS):
        tr, ho = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        if not len(ho):
            continue
        clf = _fit(Xm[tr], y_arr[tr])
        col = [list(clf.classes_).index(c) for c in classes]
        logits[ho] = clf.decision_function(Xm[ho])[:, col]
    y_idx = np.array([classes.index(v) for v in y_arr])
    temperature = _temperature(logits, y_idx)
    predicted = np.array(classes)[logits.argmax(axis=1)]
    unseen = _scores(y_arr, predicted, classes)
    groups_arr = np.array(groups)
    per_layout = {
        g: round(float((predicted[groups_arr == g] == y_arr[groups_arr == g]).mean()), 3)
        for g in sorted(set(groups))
    }

    clf = _fit(Xm, y_arr)
    col = [list(clf.classes_).index(c) for c in classes]
    coef = clf.coef_[col].T.astype(np.float32)  # (n_features, n_classes)
    intercept = clf.intercept_[col].astype(np.float32)
    meta = {
        "format_version": FORMAT_VERSION,
        "classes": classes,
        "temperature": temperature,
        "sha256": model_digest(coef, intercept, vocab),
        "examples": len(X),
        "per_category": dict(Counter(y)),
        "features": len(vocab),
        "C": C,
        "unseen_layout_accuracy": unseen["accuracy"],
        "unseen_layout_macro_f1": unseen["macro_f1"],
        "unseen_layout_examples": len(y),
        "unseen_layout_per_category": unseen["per_category"],
        "unseen_layout_accuracy_per_layout": per_layout,
        "layouts": sorted({g for g in groups if not g.endswith("/unknown")}),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp, coef=coef, intercept=intercept, vocab=np.array(vocab), meta=np.array(json.dumps(meta))
    )
    tmp.replace(out)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zeef_corpus.train")
    parser.add_argument("folders", nargs="+", type=Path)
    # MODEL_PATH is built from the categoriser's own location: the zeef package in use.
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    meta = train(args.folders, args.out)
    print(json.dumps({k: v for k, v in meta.items() if k != "sha256"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
