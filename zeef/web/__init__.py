"""The reviewers' web app (`zeef review serve`): see zeef/web/app.py and docs/review.md."""
