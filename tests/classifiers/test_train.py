"""Training: the script that made the shipped model makes a working one from a corpus."""

from __future__ import annotations

from zeef.classifiers.categoriser import _Model, features
from zeef.pipeline.extract import read_path
from zeef.pipeline.labelled import read_labelled_folder
from zeef_corpus.generate import generate_corpus
from zeef_corpus.train import train


def test_train_writes_a_model_that_beats_chance_on_new_documents(tmp_path):
    corpus = generate_corpus(tmp_path / "train", n_per_category=8, seed=11)
    out = tmp_path / "model.npz"
    meta = train([corpus], out)
    assert meta["examples"] >= 64
    # Every layout was held out once: every example has an out-of-fold prediction, and
    # the per-layout figures name each layout the model now knows.
    assert meta["unseen_layout_examples"] == meta["examples"]
    assert 0 < meta["unseen_layout_accuracy"] <= 1
    assert set(meta["unseen_layout_accuracy_per_layout"]) >= set(meta["layouts"])
    assert all(layout.split("/", 1)[0] in meta["classes"] for layout in meta["layouts"])
    model = _Model(out)  # passes its own integrity check

    test = generate_corpus(tmp_path / "test", n_per_category=3, seed=12)
    docs = [d for d in read_labelled_folder(test) if d.path.suffix != ".eml"]
    right = 0
    for doc in docs:
        p = model.predict(features(read_path(doc.path).text, []))
        right += model.classes[int(p.argmax())] is doc.category
    assert right / len(docs) > 0.5  # chance is 1/9
