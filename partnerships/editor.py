"""The edit page of a partnership: the form and its four formsets, saved together.

They are validated together and saved in one transaction, guarded by optimistic locking on
`Partnership.version` (samenwerkingswijzer/editing.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.forms.models import BaseInlineFormSet

from samenwerkingswijzer.editing import (
    ConcurrentEditError,
    ErrorLink,
    claim_version,
    field_error_links,
    keep_input_after_conflict,
)

from .forms import (
    ContributionFormSet,
    DecisionFormSet,
    FinancialPositionFormSet,
    ParticipationFormSet,
    PartnershipForm,
)
from .models import Partnership

CONFLICT_MESSAGE = (
    "Iemand anders heeft dit samenwerkingsverband intussen gewijzigd. Uw wijzigingen zijn "
    "nog niet opgeslagen. Bekijk eerst wat er veranderd is (de geschiedenis staat op de "
    "pagina van het samenwerkingsverband). Wilt u uw eigen gegevens toch bewaren? Klik dan "
    "opnieuw op Opslaan."
)


@dataclass(frozen=True)
class FormsetSection:
    """How the form page presents one formset."""

    prefix: str
    title: str
    row_title: str
    help_text: str


FORMSET_SECTIONS = (
    FormsetSection(
        "participations",
        "Partners",
        "Partner",
        "De organisaties die meedoen, met hun rol en hun aandeel (verdeelsleutel of "
        "stemverhouding). De aandelen tellen samen op tot hooguit 100%.",
    ),
    FormsetSection(
        "contributions",
        "Bijdragen per jaar",
        "Bijdrage",
        "Wat de gemeente per jaar inbrengt. Vul het werkelijke bedrag in zodra het bekend is.",
    ),
    FormsetSection(
        "financial_positions",
        "Financiële positie (verbonden partij)",
        "Financiële positie",
        "Alleen voor een verbonden partij: de cijfers die de paragraaf verbonden partijen "
        "vraagt (BBV artikel 15).",
    ),
    FormsetSection(
        "decisions",
        "Besluiten",
        "Besluit",
        "Besluiten van raad, college of het bestuur van de samenwerking.",
    ),
)


class PartnershipEditor:
    """The partnership form with its formsets, validated together and saved atomically."""

    formset_classes: dict[str, type[BaseInlineFormSet[Any, Any, Any]]] = {
        "participations": ParticipationFormSet,
        "contributions": ContributionFormSet,
        "financial_positions": FinancialPositionFormSet,
        "decisions": DecisionFormSet,
    }

    def __init__(self, user: Any, instance: Partnership | None = None, data: Any = None) -> None:
        self.user = user
        self.instance = instance or Partnership()
        self.is_new = self.instance.pk is None
        self.form = PartnershipForm(data, instance=self.instance, user=user)
        if not self.is_new:
            # Fewer empty rows when editing: the page stays short.
            self.formset_classes = {
                prefix: _with_extra(cls, 1) for prefix, cls in self.formset_classes.items()
            }
        self.formsets = {
            prefix: cls(data, instance=self.instance, prefix=prefix)
            for prefix, cls in self.formset_classes.items()
        }

    def sections(self) -> list[tuple[FormsetSection, BaseInlineFormSet[Any, Any, Any]]]:
        return [(section, self.formsets[section.prefix]) for section in FORMSET_SECTIONS]

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [fs.is_valid() for fs in self.formsets.values()]
        return all(results)

    def save(self) -> Partnership:
        """Save everything or nothing; raise ConcurrentEditError on a stale form."""
        with transaction.atomic():
            if not self.is_new:
                claim_version(
                    self.instance, self.form.cleaned_data.get("version"), CONFLICT_MESSAGE
                )
            elif "account_holder" not in self.form.fields:
                # An accounthouder who creates a partnership holds it.
                self.instance.account_holder = self.user
            partnership = self.form.save()
            for formset in self.formsets.values():
                formset.instance = partnership
                formset.save()
        return partnership

    def refuse_stale(self, error: ConcurrentEditError) -> None:
        """Keep the user's input, show the conflict, and allow a deliberate second save."""
        keep_input_after_conflict(self.form, error)

    def error_summary(self) -> list[ErrorLink]:
        links = [
            ErrorLink("formulier", "Samenwerkingsverband", str(message))
            for message in self.form.non_field_errors()
        ]
        links += field_error_links(self.form)
        for section, formset in self.sections():
            links += [
                ErrorLink(f"sectie-{section.prefix}", section.title, str(message))
                for message in formset.non_form_errors()
            ]
            for number, form in enumerate(formset.forms, start=1):
                title = f"{section.row_title} {number}"
                links += [
                    ErrorLink(f"{section.prefix}-{number}", title, str(message))
                    for message in form.non_field_errors()
                ]
                links += field_error_links(form, prefix=f"{title}, ")
        return links


def _with_extra(
    formset_class: type[BaseInlineFormSet[Any, Any, Any]], extra: int
) -> type[BaseInlineFormSet[Any, Any, Any]]:
    return type(formset_class.__name__, (formset_class,), {"extra": extra})
