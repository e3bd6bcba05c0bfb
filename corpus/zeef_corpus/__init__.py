"""A synthetic Dutch corpus with ground truth, for evaluation and training.

Not part of the zeef product: its own distribution (`corpus/pyproject.toml`), installed
by the development set-up only. See docs/corpus.md.
"""
