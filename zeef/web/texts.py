"""What the web app's pages call things, in Dutch: categories, dispositions, roles and
the reasons a document waits in review. Codes stay codes everywhere else."""

from __future__ import annotations

CATEGORIES = {
    "medical": "Medisch stuk",
    "medical_advice": "Medisch advies",
    "bank_statement": "Bankafschrift",
    "id_copy": "Kopie identiteitsbewijs",
    "third_party_tip": "Melding van derden (tip)",
    "application": "Aanvraag",
    "case_report": "Eigen verslag of besluit van de gemeente",
    "personal_note": "Persoonlijke werkaantekening",
    "other": "Overig",
}

DISPOSITIONS = {
    "archive": "Archiefdossier",
    "working": "Werkdossier",
    "forward_medical_adviser": "Doorsturen naar de medisch adviseur",
    "return_to_sender": "Terugsturen naar de inwoner",
    "destroy": "Vernietigen (nummer en geldigheid vastleggen)",
    "exclude": "Niet opnemen",
    "review": "Wacht op beoordeling",
}

ROLES = {
    "reviewer": "Beoordelaar",
    "medical_adviser": "Medisch adviseur",
    "privacy_officer": "Privacyfunctionaris",
    "admin": "Beheerder",
}

FINDING_ROLES = {
    "subject": "Aanvrager",
    "third_party": "Derde",
    "professional": "Professional",
    "unknown": "Onbekend",
    "diagnostic": "Diagnostische taal",
}

REVIEW_REASONS = {
    "low_confidence": "Soort document onzeker",
    "unreadable": "Onleesbaar bestand",
    "needs_ocr": "Scan zonder leesbare tekst",
    "file_too_large": "Bestand te groot om te lezen",
    "time_budget": "Analyse duurde te lang",
    "id_document_unreadable": "Nummer of geldigheid van het ID-bewijs niet leesbaar",
    "id_document_untrusted": "Gegevens van het ID-bewijs niet betrouwbaar gelezen",
    "id_document_holder_unknown": "Onbekend van wie het ID-bewijs is",
    "id_document_not_subject": "ID-bewijs van iemand anders",
    "diagnostic_language": "Eigen verslag noemt een diagnose, medicatie of ZRM-scores",
    "note_shared": "Gedeelde werkaantekening",
    "possibly_medical": "Mogelijk medisch",
    "possibly_id_copy": "Mogelijk een kopie van een ID-bewijs",
    "segment_in_doubt": "Samengevoegd bestand met een twijfelachtig deel",
    "segment_cut_failed": "Samengevoegd bestand kon niet worden gesplitst",
    "intake_failed": "Verwerking mislukt",
    "unrecorded": "Nog niet geregistreerd",
    "policy_review": "Volgens de regels beslist een persoon (soort overig)",
}

ENTITIES = {
    "NL_BSN": "BSN",
    "IBAN_CODE": "IBAN",
    "PHONE_NUMBER": "Telefoonnummer",
    "ADDRESS": "Adres",
    "DATE_TIME": "Datum",
    "EMAIL_ADDRESS": "E-mailadres",
    "URL": "Internetadres",
    "NL_PASSPORT": "Paspoortnummer",
    "NL_ID_CARD": "ID-kaartnummer",
    "NL_DRIVING_LICENCE": "Rijbewijsnummer",
    "NL_AGB": "AGB-code",
    "NL_BIG": "BIG-nummer",
    "NL_LICENCE_PLATE": "Kenteken",
    "PERSON": "Naam",
    "IDENTIFYING_DETAIL": "Herleidbaar gegeven",
    "DIAGNOSIS": "Diagnose",
    "MEDICATION": "Medicatie",
    "ZRM_SCORE": "ZRM-score",
}

LAWS = {
    "participatiewet": "Participatiewet",
    "wmo": "Wmo 2015",
    "jeugdwet": "Jeugdwet",
    "schuldhulpverlening": "Wet gemeentelijke schuldhulpverlening",
}

EVENTS = {
    "document_viewed": "Document geopend",
    "access_refused": "Toegang geweigerd",
    "review_decision": "Besluit na beoordeling",
    "medical_received": "Ontvangst medisch adviseur bevestigd",
    "document_stored": "Document opgeslagen",
    "inzage_requested": "Inzageverzoek geregistreerd",
    "inzage_extended": "Termijn inzage verlengd",
    "inzage_prepared": "Inzagepakket klaargezet",
    "inzage_released": "Inzagepakket vrijgegeven",
    "inzage_rejected": "Inzagepakket afgekeurd",
    "inzage_refused": "Inzage geweigerd (handhavingsonderzoek)",
    "third_party_decision": "Antwoord derde vastgelegd",
    "subject_informed_of_investigation": "Aanvrager geïnformeerd over onderzoek",
}


def label(table: dict[str, str], code: str | None) -> str:
    """The Dutch label of `code`, or the code itself when there is none."""
    if code is None:
        return "—"
    return table.get(code, code)
