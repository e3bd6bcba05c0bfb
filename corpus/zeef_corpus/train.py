"""Train the categoriser on labelled folders and write `model/categoriser.npz`.

    python -m zeef_corpus.train build/train-corpus [more folders] [--out PATH]

Needs scikit-learn (a dependency of zeef-corpus, not of zeef); the shipped model is read
with numpy alone. By default the model is written into the zeef package it will ship in
(`zeef/classifiers/model/categoriser.npz` of the installed or editable zeef).
Documents are read and analysed exactly as `zeef classify` reads them, so the model sees
what it will see in use. E-mail parts are training examples of their own category.
About a quarter of each category's layouts (templates) is held out whole to measure
accuracy on unseen templates and fit the calibration temperature; the final model is
then refitted on everything with that temperature.
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


def _unseen_layout_split(groups: list[str], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Hold out about a quarter of each category's layouts, whole.

    A model is judged, and its temperature fitted, on documents of templates it has
    never seen, the way it will meet a municipality's documents; a random split would
    hold out siblings of training documents and make the model look surer than it is.
    """
    rng = np.random.default_rng(seed)
    by_category: dict[str, list[str]] = {}
    for g in sorted(set(groups)):
        by_category.setdefault(g.split("/", 1)[0], []).append(g)
    held: set[str] = set()
    for layouts in by_category.values():
        k = max(1, round(len(layouts) * 0.25)) if len(layouts) > 1 else 0
        held.update(rng.choice(layouts, size=k, replace=False).tolist())
    mask = np.array([g in held for g in groups])
    return np.flatnonzero(~mask), np.flatnonzero(mask)


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

    tr, ho = _unseen_layout_split(groups, seed)
    Xm = _matrix(X, index)
    y_arr = np.array(y)
    clf = _fit(Xm[tr], y_arr[tr])
    col = [list(clf.classes_).index(c) for c in classes]
    ho_logits = clf.decision_function(Xm[ho])[:, col]
    y_idx = np.array([classes.index(v) for v in y_arr[ho]])
    temperature = _temperature(ho_logits, y_idx)
    ho_acc = float((ho_logits.argmax(axis=1) == y_idx).mean())

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
        "unseen_layout_accuracy": ho_acc,
        "unseen_layout_examples": len(ho),
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
