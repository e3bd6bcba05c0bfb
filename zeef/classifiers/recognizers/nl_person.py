"""Dutch person names (PERSON).

A Dutch name may carry a title or form of address (dhr., mevrouw, de heer, dr.), given
names or initials (J.H.), a particle (van der, de, ten, el) and a surname, which may be
double or hyphenated (Jansen-de Boer) and may also be a common word (de Wit, Bakker).
Names are found by the rules in `zeef.classifiers.person_names` (word lists from deduce
plus our own, and the Dutch habit of capitalising proper nouns only); later partial
mentions ("Lotte", "mevrouw De Wit") are tied to the person first named.

Each result carries the name's parts in `recognition_metadata["person"]` (folded,
lower case) so roles can match it against the case file without re-reading the text.

Example: "Geachte mevrouw El Amrani" -> PERSON at "mevrouw El Amrani".
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from zeef.classifiers.person_names import find_person_mentions


class NlPersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name="NlPersonRecognizer",
        )

    def load(self) -> None:  # word lists load lazily on first use
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and self.ENTITY not in entities:
            return []
        results = []
        for m in find_person_mentions(text):
            results.append(
                RecognizerResult(
                    entity_type=self.ENTITY,
                    start=m.start,
                    end=m.end,
                    score=m.score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        "person": m,
                    },
                )
            )
        return results
