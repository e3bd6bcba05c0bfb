"""What a reviewer may decide for a document waiting in review: a table, one row per
category, with the dispositions allowed and the legal reference each one cites.

The policy table (`policy.py`) says what happens to a document of a category under a
law; a reviewer confirms or corrects the category and then picks a disposition from this
table. Beyond the policy's own disposition, a reviewer may always hand a document back
to the citizen (data minimisation: not needed, so not kept), and may keep an `other`
document in a dossier part once they find it needed. What the table never allows: a
medical document or an ID copy in a dossier part (AVG art. 9; Pw art. 17 lid 3, Wmo 2015
art. 2.3.4, Jeugdwet art. 7.2.2), and a destroyed document that is not an ID copy.

The reasons a reviewer gives are a closed list of codes (Dutch labels for the web app);
the short motivation in their own words is kept with the decision in the case's store,
never in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from zeef.domain.policy import MEDICAL_POLICIES, law_of, rule_for
from zeef.domain.vocabulary import Category, Disposition

# Data minimisation: what is not needed is not kept (handed back, or left out).
MINIMISATION_BASIS = "AVG art. 5 lid 1 sub c"


@dataclass(frozen=True)
class Choice:
    disposition: Disposition
    legal_basis: str


def choices(category: Category | str, law: str | None = None) -> tuple[Choice, ...]:
    """The dispositions a reviewer may give a document of `category` in a case under
    `law`, the policy's own first. ValueError for an unknown category or law."""
    category = Category(category)
    rule = rule_for(category, law_of(law))
    own: list[Disposition]
    if rule.disposition is None:  # medical: the adviser, or back to the citizen
        own = list(MEDICAL_POLICIES)
    elif rule.disposition is Disposition.REVIEW:  # other: kept where a reviewer finds it needed
        own = [Disposition.WORKING, Disposition.ARCHIVE]
    else:
        own = [rule.disposition]
    out = [Choice(d, rule.legal_basis) for d in own]
    for extra in (Disposition.RETURN_TO_SENDER, Disposition.EXCLUDE):
        if extra in own:
            continue
        if extra is Disposition.EXCLUDE and category in (Category.MEDICAL, Category.ID_COPY):
            continue  # medical: the adviser or back; an ID copy: destroyed or back
        out.append(Choice(extra, MINIMISATION_BASIS))
    return tuple(out)


def allowed(category: Category | str, disposition: Disposition | str, law: str | None) -> Choice:
    """The choice for this category and disposition; ValueError when the table does not
    allow it."""
    disposition = Disposition(disposition)
    for choice in choices(category, law):
        if choice.disposition is disposition:
            return choice
    raise ValueError("this disposition is not allowed for this category")


# The reasons a reviewer gives for a decision: code -> label on the web page (Dutch).
REASONS: dict[str, str] = {
    "category_confirmed": "De voorgestelde soort klopt",
    "category_corrected": "De soort is verbeterd na lezen",
    "id_established": "Identiteit vastgesteld: nummer en geldigheid overgenomen",
    "medical_content": "Bevat medische gegevens van de aanvrager",
    "needed_for_case": "Nodig voor de beoordeling van de aanvraag",
    "not_needed": "Niet nodig voor de beoordeling",
    "not_about_subject": "Gaat niet over de aanvrager",
    "unreadable": "Onleesbaar of onvolledig; de inwoner krijgt het terug",
}
