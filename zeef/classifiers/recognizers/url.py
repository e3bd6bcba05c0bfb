"""Recognizer for web addresses (URL), without tldextract (no network access)."""

from __future__ import annotations

import regex as re
from presidio_analyzer import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from zeef.classifiers.recognizers._results import pattern_result

_HOST = r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}"
# Optional port and path; trailing punctuation (sentence end, closing bracket) is not
# part of the URL. Bounded so a hostile run of URL characters stays linear.
_PATH = r"(?::\d{1,5})?(?:[/?#](?:[^\s<>\"]{0,2000}[^\s<>\".,;:!?)\]'’”])?)?"
_COMMON_TLDS = r"(?:nl|com|org|eu|net|be|info)"

# Deliberately not "www" / "http" inside a longer word, an e-mail or a path.
_BEFORE = r"(?<![\w.@/:-])"

# Bare domains are found from their top-level domain (a fast literal scan) and then
# extended to the left: a left-to-right regex would have to try every word start.
_TLD_HIT = re.compile(rf"\.{_COMMON_TLDS}(?![\w@-]|\.\w)")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[a-z]{2,4}")
_PATH_REGEX = re.compile(_PATH)
_MAX_DOMAIN_LENGTH = 253


class UrlRecognizer(PatternRecognizer):
    """
    Recognizes web addresses (URL).

    Presidio's ``UrlRecognizer`` validates with tldextract, which downloads the
    public suffix list; this one is offline.

    Forms: with a scheme (http://, https://), starting with "www.", and bare domain
    names ending in a common top-level domain (.nl, .com, .org, .eu, .net, .be,
    .info), e.g. "rijksoverheid.nl/onderwerpen". Bare domains need a lower-case TLD
    and are never taken from an e-mail address. Trailing punctuation is excluded.

    Bare domains are found from the top-level domain leftwards (``analyze``); the
    equivalent regex is kept as ``DOMAIN_PATTERN`` for reference.

    Scores: with scheme 0.6, "www." 0.5, bare domain 0.4. A URL is usually not
    personal data (a municipality's site); a personal page needs context.

    Example: https://www.utrecht.nl/zorg.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    PATTERNS = [
        Pattern("URL met schema", rf"{_BEFORE}(?i:https?)://{_HOST}{_PATH}", 0.6),
        Pattern("URL met www", rf"{_BEFORE}(?i:www)\.{_HOST}\.[A-Za-z]{{2,24}}\b{_PATH}", 0.5),
    ]

    #: Bare domain names (.nl, .com, ...); matched from the TLD leftwards in ``analyze``.
    DOMAIN_PATTERN = Pattern(
        "Domeinnaam",
        rf"{_BEFORE}(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.){{1,8}}"
        rf"{_COMMON_TLDS}(?![\w@-]|\.\w){_PATH}",
        0.4,
    )

    CONTEXT = ["website", "site", "url", "link", "internet", "webpagina", "homepage"]

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "URL",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=re.MULTILINE,
            name=name,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Scheme and www URLs by pattern, bare domains from their top-level domain."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for hit in _TLD_HIT.finditer(text):
            span = self._bare_domain(text, hit.start(), hit.end())
            if span:
                results.append(self._result(self.DOMAIN_PATTERN, *span))
        return EntityRecognizer.remove_duplicates(results)

    @staticmethod
    def _bare_domain(text: str, dot: int, tld_end: int) -> tuple[int, int] | None:
        """Span of the domain (and path) whose top-level domain ends at ``tld_end``."""
        start = dot
        lowest = max(0, dot - _MAX_DOMAIN_LENGTH)
        while start > lowest and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        while start < dot and text[start] in ".-":
            start += 1
        # Not part of an e-mail address, a path, a longer URL or a word.
        if start > 0 and (text[start - 1] in "@/:_" or text[start - 1].isalnum()):
            return None
        if not _DOMAIN.fullmatch(text, start, tld_end):
            return None
        path = _PATH_REGEX.match(text, tld_end)
        return start, path.end() if path else tld_end

    def _result(self, pattern: Pattern, start: int, end: int) -> RecognizerResult:
        return pattern_result(self, pattern, start, end, pattern.score)
