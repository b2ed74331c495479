"""Which data of the register is public: the one list every public page and export reads.

A field not named here never reaches the public site: the public querysets load only these
columns (`.only()`), so a template that reached for an internal field would cost an extra
query and fail the query-count tests. tests/public/test_fields.py makes every new model
field land in one of the two lists, so nobody adds a field without deciding.

What is public is public everywhere: the public page, the public dossier (PDF) and the open
data (CSV and JSON) show every field named here, and nothing else. The test
tests/public/test_nothing_internal_leaks.py plants a text in each field and reads it back
from all three, so they cannot drift apart.
"""

from __future__ import annotations

PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    "partnership": (
        "id",
        "name",
        "slug",
        "description",
        "goals",
        "public_interest",
        "motives",
        "added_value_perspective",
        "nature",
        "policy_domain",
        "budget_programme",
        "legal_form",
        "regulation",
        "legally_required",
        "powers_transferred",
        "is_verbonden_partij",
        # The BBV paragraaf verbonden partijen in the (public) begroting names both.
        "bestuurlijk_belang",
        "financieel_belang",
        "registered_office",
        "website",
        "start_date",
        "end_date",
        "notice_period_months",
        # The governance regime names the evaluation this many months before the end date.
        "evaluation_lead_months",
        "status",
        # A wethouder is a public office holder, named in every raadsvoorstel.
        "portfolio_holder",
        # Who represents the municipality in the partnership's bodies is public: the raad
        # must know it, and the paragraaf verbonden partijen names them. The regime shows it.
        "representatives",
        "tier",
        "tier_decided_year",
        "updated_at",
    ),
    "participation": ("organisation", "role", "share"),
    "organisation": ("name", "kind", "website"),
    # The begrotingspost is part of the public begroting; the note is a working remark.
    "contribution": ("year", "kind", "budgeted", "actual", "budget_line"),
    "decision": ("body", "date", "reference", "title", "url"),
    # The tier itself is the partnership's (effective) tier above.
    "tierdecision": ("year", "political_topics"),
    # Only evaluations with published=True, and of those only the outcome.
    # Raad agendas are public, so is whether an evaluation is on one.
    "evaluation": (
        "kind",
        "title",
        "due_date",
        "completed_on",
        "status",
        "conclusion",
        "advice",
        "on_council_agenda",
        "council_agenda_date",
    ),
    # BBV art. 15: the begroting publishes these figures of every verbonden partij.
    "financialposition": (
        "year",
        "interest_begin",
        "interest_end",
        "equity_begin",
        "equity_end",
        "debt_begin",
        "debt_end",
        "result",
        "risks",
    ),
}

# Public and loaded, but not printed as such: the key that the URLs are built from.
LOADED_NOT_SHOWN: dict[str, tuple[str, ...]] = {"partnership": ("id",)}

# Internal on purpose, with the reason, so the choice is reviewable in one place.
INTERNAL_PARTNERSHIP_FIELDS: dict[str, str] = {
    "internal_notes": "werkaantekeningen van de ambtelijke organisatie",
    "account_holder": "medewerker (persoonsgegevens)",
    "deputy": "medewerker (persoonsgegevens)",
    "published": "technische vlag: alleen gepubliceerde verbanden zijn zichtbaar",
    "version": "technisch",
    "created_at": "technisch",
    "name_key": "technisch: de naam zonder hoofdletters en accenten, om op te sorteren",
}

# Never public, whatever the record: the college's negotiating room, the reasoning behind
# deviations, the afweging itself, and everything about users.
INTERNAL_RELATED = (
    "TierDecision.mandate",
    "TierDecision.motivation",
    "TierDecision.decided_by",
    "Assessment (alle velden)",
    "Evaluation.lessons_learned",
    "Evaluation.answers",
    "Evaluation met published=False",
    "Contribution.note",
    "Organisation.place (de site toont het niet; de naam van de organisatie volstaat)",
)
