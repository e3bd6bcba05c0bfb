"""Dutch NLP: the Presidio analyzer and its recognizers, roles and the document categoriser."""
