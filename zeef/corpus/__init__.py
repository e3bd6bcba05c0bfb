"""A synthetic Dutch corpus with ground truth, for evaluation and training."""
