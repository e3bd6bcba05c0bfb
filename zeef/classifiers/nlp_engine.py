"""A Presidio NLP engine for Dutch that starts in milliseconds and needs no model download.

No Dutch spaCy pipeline with a parser or NER is installable here, and the recognizers do
not need one: they are patterns, checksums and word lists. What Presidio needs from the
NLP engine is tokens and lemmas, for its context words. `spacy.blank("nl")` gives Dutch
tokenisation but loads 4,670 tokenizer exceptions (~1 s); we build a tokenizer from the
same Dutch prefix, suffix and infix rules without the exception table (< 1 ms) and use the
lower-cased token as its lemma, so context words are matched as written.
"""

from __future__ import annotations

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.lang.nl import Dutch
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

LANGUAGE = "nl"


def _dutch_tokenizer_pipeline() -> Language:
    defaults = Dutch.Defaults
    vocab = Vocab()
    nlp = Language(vocab)
    nlp.tokenizer = Tokenizer(
        vocab,
        rules={},
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(defaults.infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    return nlp


class DutchNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on a rule-only Dutch tokenizer."""

    engine_name = "zeef_dutch"

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "zeef-dutch-rules"}])

    def load(self) -> None:
        self.nlp = {LANGUAGE: _dutch_tokenizer_pipeline()}

    def is_stopword(self, word: str, language: str) -> bool:
        return word.lower() in STOP_WORDS

    def is_punct(self, word: str, language: str) -> bool:
        return len(word) == 1 and not word.isalnum()

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.text.lower() for token in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )
