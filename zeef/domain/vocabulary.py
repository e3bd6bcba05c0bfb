"""The closed sets of the domain: what a document is (category), what happens to it
(disposition), and whose data a finding is (role)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    MEDICAL = "medical"
    MEDICAL_ADVICE = "medical_advice"
    BANK_STATEMENT = "bank_statement"
    ID_COPY = "id_copy"
    THIRD_PARTY_TIP = "third_party_tip"
    APPLICATION = "application"
    CASE_REPORT = "case_report"  # the municipality's own reports and decisions
    PERSONAL_NOTE = "personal_note"
    OTHER = "other"


# For an e-mail the message takes the category of its most restrictive part, in this order.
RESTRICTIVENESS: tuple[Category, ...] = (
    Category.MEDICAL,
    Category.ID_COPY,
    Category.THIRD_PARTY_TIP,
    Category.BANK_STATEMENT,
    Category.MEDICAL_ADVICE,
    Category.APPLICATION,
    Category.CASE_REPORT,
    Category.PERSONAL_NOTE,
    Category.OTHER,
)


class Disposition(StrEnum):
    ARCHIVE = "archive"
    WORKING = "working"
    FORWARD_MEDICAL_ADVISER = "forward_medical_adviser"
    RETURN_TO_SENDER = "return_to_sender"
    DESTROY = "destroy"
    EXCLUDE = "exclude"
    REVIEW = "review"


class Role(StrEnum):
    SUBJECT = "subject"
    THIRD_PARTY = "third_party"
    PROFESSIONAL = "professional"
    UNKNOWN = "unknown"
