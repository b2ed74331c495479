"""Forms of the register: a partnership with its partners, contributions, finances, decisions.

`editor.PartnershipEditor` puts the partnership form and its four inline formsets together.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, transaction
from django.forms.models import BaseInlineFormSet, ModelChoiceIterator, inlineformset_factory

from samenwerkingswijzer.editing import date_input
from samenwerkingswijzer.fields import DutchPercentageField, dutch_formfield
from samenwerkingswijzer.formatting import percent

from .choices import Motive, OrganisationKind, Status
from .filtersets import account_holder_choices
from .models import (
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
)

# Fields only a beheerder may set (publishing, assigning accounthouders; accounts/rules.py).
BEHEERDER_FIELDS = ("published", "account_holder")
BEHEERDER_PERMISSION = "partnerships.publish_partnership"

# The evaluation planner counts years on from the looptijd; a date at the end of the
# calendar (9999) would overflow it, so the looptijd stays within the years of the register.
LOOPTIJD_BOUNDS = (date(1900, 1, 1), date(2100, 12, 31))
LOOPTIJD_OUT_OF_BOUNDS = "Vul een datum in tussen 1900 en 2100."


FIELDSETS: list[tuple[str, tuple[str, ...]]] = [
    (
        "Opgave en doelen",
        (
            "name",
            "description",
            "goals",
            "public_interest",
            "motives",
            "added_value_perspective",
            "nature",
        ),
    ),
    (
        "Indeling",
        (
            "policy_domain",
            "budget_programme",
            "legal_form",
            "regulation",
            "legally_required",
            "powers_transferred",
        ),
    ),
    ("Verbonden partij", ("is_verbonden_partij", "bestuurlijk_belang", "financieel_belang")),
    (
        "Looptijd en status",
        ("start_date", "end_date", "notice_period_months", "evaluation_lead_months", "status"),
    ),
    (
        "Mensen en vestiging",
        (
            "portfolio_holder",
            "account_holder",
            "deputy",
            "representatives",
            "registered_office",
            "website",
        ),
    ),
    ("Publicatie en notities", ("published", "internal_notes")),
]


class PartnershipForm(forms.ModelForm):
    """Every editable field of a partnership; `base` carries the record as the user read it
    (the three-way merge of samenwerkingswijzer/merging.py)."""

    motives = forms.MultipleChoiceField(
        label="Motieven",
        choices=Motive.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Waarom werkt de gemeente hierin samen? Kies er één of meer.",
    )
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Partnership
        formfield_callback = dutch_formfield
        fields = [name for _, names in FIELDSETS for name in names]
        widgets = {
            "start_date": date_input(),
            "end_date": date_input(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "public_interest": forms.Textarea(attrs={"rows": 3}),
            "bestuurlijk_belang": forms.Textarea(attrs={"rows": 2}),
            "financieel_belang": forms.Textarea(attrs={"rows": 2}),
            "representatives": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not user.has_perm(BEHEERDER_PERMISSION):
            for name in BEHEERDER_FIELDS:
                del self.fields[name]
        if not user.has_perm(
            "partnerships.archive_partnership", self.instance.pk and self.instance
        ):
            # Ending a partnership is archiving, which the beheerder does.
            status = self.fields["status"]
            status.choices = [  # type: ignore[attr-defined]
                choice
                for choice in status.choices  # type: ignore[attr-defined]
                if choice[0] != Status.BEEINDIGD or self.instance.status == Status.BEEINDIGD
            ]
        if self.instance.status == Status.BEEINDIGD and not user.has_perm(
            "partnerships.reactivate_partnership", self.instance
        ):
            # Bringing an ended partnership back is reactivating, which the beheerder does.
            self.fields["status"].disabled = True
        for name in ("start_date", "end_date"):
            self.fields[name].validators += [
                MinValueValidator(LOOPTIJD_BOUNDS[0], LOOPTIJD_OUT_OF_BOUNDS),
                MaxValueValidator(LOOPTIJD_BOUNDS[1], LOOPTIJD_OUT_OF_BOUNDS),
            ]
        users = account_holder_choices()
        for name in ("account_holder", "deputy"):
            if name in self.fields:
                self.fields[name].queryset = users  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(
                Fieldset(legend, *(Field(name) for name in names if name in self.fields))
                for legend, names in FIELDSETS
            ),
            "base",
        )


STALE_ROWS = 5
# Rows the user may add on the page with "Nog een ... toevoegen", beyond the empty ones.
ADDABLE_ROWS = 10
TOO_MANY_ROWS = (
    "Er zijn meer regels verstuurd dan deze pagina heeft (hoogstens %(num)d). Er is niets "
    "opgeslagen. Open de pagina opnieuw en vul de regels daar in."
)


class SharedChoicesFormSet(BaseInlineFormSet):
    """Evaluates each select's queryset once for all rows instead of once per row.

    Takes no more rows than the page offers (the stored rows and the empty ones): a posted
    count beyond that is refused without building a form for every row it claims.
    """

    shared_choice_fields: tuple[str, ...] = ()
    default_error_messages = {"too_many_forms": TOO_MANY_ROWS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The stored rows are read once here and reused by the forms. A stale page may hold
        # a few rows more than are stored now: rows a colleague deleted meanwhile, which the
        # three-way merge shows as deleted.
        self.rows_offered = len(self.get_queryset()) + self.extra + ADDABLE_ROWS
        self.max_num = self.absolute_max = self.rows_offered + STALE_ROWS
        self.validate_max = True
        for name in self.shared_choice_fields:
            field = self.form.base_fields[name]
            choices = list(ModelChoiceIterator(field))  # type: ignore[arg-type]
            for form in self.forms:
                form.fields[name].choices = choices  # type: ignore[attr-defined]

    @property
    def can_add_row(self) -> bool:
        return self.total_form_count() < self.rows_offered

    def filled_forms(self) -> list[forms.ModelForm[Any]]:
        """Rows that are kept: not marked for deletion, not an untouched empty row."""
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]


NEW_ORGANISATION_HELP = (
    "Staat de organisatie niet in de lijst? Vul dan hier de naam in en laat de lijst leeg. "
    "Bij opslaan komt de organisatie erbij."
)
CHOOSE_ONE_ORGANISATION = (
    "U koos een organisatie uit de lijst en vulde ook een nieuwe naam in. Kies één van "
    "de twee: maak de lijst leeg of de nieuwe naam."
)


class ParticipationForm(forms.ModelForm):
    """A partner: an organisation from the list, or the name of a new one that saving adds."""

    new_organisation = forms.CharField(
        label="Of een nieuwe organisatie",
        required=False,
        max_length=Organisation._meta.get_field("name").max_length,
        help_text=NEW_ORGANISATION_HELP,
    )
    new_organisation_kind = forms.ChoiceField(
        label="Soort nieuwe organisatie",
        choices=OrganisationKind.choices,
        initial=OrganisationKind.OVERIG,
        required=False,
    )
    field_order = ["organisation", "new_organisation", "new_organisation_kind"]

    class Meta:
        model = Participation
        formfield_callback = dutch_formfield
        fields = ["organisation", "role", "share"]
        field_classes = {"share": DutchPercentageField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Required unless a new name is given; clean() says so.
        self.fields["organisation"].required = False
        self.new_organisation_form: OrganisationForm | None = None

    def clean_share(self) -> Decimal | None:
        # Checked here, before the model's validators, whose message ends in a bare "%"
        # that Django's message formatting cannot render.
        share: Decimal | None = self.cleaned_data.get("share")
        if share is not None and not Decimal(0) <= share <= Decimal(100):
            raise forms.ValidationError("Een aandeel ligt tussen 0 en 100%.", code="share_range")
        return share

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        name = " ".join(cleaned.get("new_organisation", "").split())
        chosen = cleaned.get("organisation")
        if "organisation" in self.errors:
            return cleaned
        if chosen is not None and name:
            self.add_error("new_organisation", CHOOSE_ONE_ORGANISATION)
        elif chosen is None and not name:
            field = self.fields["organisation"]
            self.add_error("organisation", field.error_messages["required"])
        elif name:
            existing = Organisation.objects.filter(name__iexact=name).first()
            if existing is not None:
                # The name is there already: link that organisation instead of a double.
                cleaned["organisation"] = existing
            else:
                self._check_new_organisation(name, cleaned.get("new_organisation_kind"))
        return cleaned

    def _check_new_organisation(self, name: str, kind: str | None) -> None:
        form = OrganisationForm(
            data={"name": name, "kind": kind or OrganisationKind.OVERIG, "place": "", "website": ""}
        )
        if form.is_valid():
            self.new_organisation_form = form
            return
        for field_name, errors in form.errors.items():
            target = "new_organisation_kind" if field_name == "kind" else "new_organisation"
            for error in errors:
                self.add_error(target, error)


class BaseParticipationFormSet(SharedChoicesFormSet):
    shared_choice_fields = ("organisation",)

    def create_new_organisations(self, user: Any, reason: str) -> list[Organisation]:
        """Add the organisations typed as a new name and link them to their rows.

        Called inside the editor's transaction: if the rest fails, they are not added.
        """
        created = []
        for form in self.filled_forms():
            new = getattr(form, "new_organisation_form", None)
            if new is None:
                continue
            name = new.cleaned_data["name"]
            organisation = Organisation.objects.filter(name__iexact=name).first()
            if organisation is None:
                organisation = new.save(commit=False)
                organisation._change_reason = reason  # type: ignore[attr-defined]
                organisation._history_user = user  # type: ignore[attr-defined]
                organisation.save()
                created.append(organisation)
            form.instance.organisation = organisation
        return created

    def clean(self) -> None:
        seen: set[int] = set()
        new_names: set[str] = set()
        total = Decimal(0)
        last_with_share = None
        for form in self.filled_forms():
            organisation = form.cleaned_data.get("organisation")
            if organisation is not None:
                if organisation.pk in seen:
                    form.add_error(
                        "organisation",
                        f"{organisation} staat al bij de partners. Een organisatie doet één "
                        "keer mee; pas de rol of het aandeel aan in de regel die er al staat.",
                    )
                seen.add(organisation.pk)
            new = getattr(form, "new_organisation_form", None)
            if new is not None:
                name = new.cleaned_data["name"]
                if name.lower() in new_names:
                    form.add_error(
                        "new_organisation",
                        f"{name} staat al bij de partners. Een organisatie doet één keer mee.",
                    )
                new_names.add(name.lower())
            share = form.cleaned_data.get("share")
            if share is not None:
                total += share
                last_with_share = form
        if last_with_share is not None and total > 100:
            last_with_share.add_error(
                "share",
                f"De aandelen tellen samen op tot {percent(total)}. Dat mag niet meer dan "
                "100% zijn.",
            )
        super().clean()


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        formfield_callback = dutch_formfield
        fields = ["year", "kind", "budgeted", "actual", "budget_line", "note"]


class BaseContributionFormSet(SharedChoicesFormSet):
    def clean(self) -> None:
        seen: set[tuple[int, str]] = set()
        for form in self.filled_forms():
            year, kind = form.cleaned_data.get("year"), form.cleaned_data.get("kind")
            if year is None or not kind:
                continue
            if (year, kind) in seen:
                kind_label = dict(form.fields["kind"].choices)[kind]  # type: ignore[attr-defined]
                form.add_error(
                    "year",
                    f"Er staat al een bijdrage van de soort {str(kind_label).lower()} voor "
                    f"{year}. Vul per jaar en soort één regel in.",
                )
            seen.add((year, kind))
        super().clean()


class FinancialPositionForm(forms.ModelForm):
    class Meta:
        model = FinancialPosition
        formfield_callback = dutch_formfield
        fields = [
            "year",
            "equity_begin",
            "equity_end",
            "debt_begin",
            "debt_end",
            "result",
            "interest_begin",
            "interest_end",
            "risks",
        ]
        widgets = {"risks": forms.Textarea(attrs={"rows": 2})}


class BaseFinancialPositionFormSet(SharedChoicesFormSet):
    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.filled_forms():
            year = form.cleaned_data.get("year")
            if year in seen:
                form.add_error(
                    "year", f"Er staat al een financiële positie voor {year}. Eén per jaar."
                )
            if year is not None:
                seen.add(year)
        super().clean()


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        formfield_callback = dutch_formfield
        fields = ["body", "date", "reference", "title", "url"]
        widgets = {"date": date_input()}


ParticipationFormSet = inlineformset_factory(
    Partnership,
    Participation,
    form=ParticipationForm,
    formset=BaseParticipationFormSet,
    extra=3,
    can_delete=True,
)
ContributionFormSet = inlineformset_factory(
    Partnership,
    Contribution,
    form=ContributionForm,
    formset=BaseContributionFormSet,
    extra=3,
    can_delete=True,
)
FinancialPositionFormSet = inlineformset_factory(
    Partnership,
    FinancialPosition,
    form=FinancialPositionForm,
    formset=BaseFinancialPositionFormSet,
    extra=1,
    can_delete=True,
)
DecisionFormSet = inlineformset_factory(
    Partnership,
    Decision,
    form=DecisionForm,
    formset=SharedChoicesFormSet,
    extra=1,
    can_delete=True,
)


NAME_TAKEN = "Er is al een organisatie met deze naam."


class OrganisationForm(forms.ModelForm):
    """A partner organisation."""

    class Meta:
        model = Organisation
        formfield_callback = dutch_formfield
        fields = ["name", "kind", "place", "website"]
        error_messages = {"name": {"unique": NAME_TAKEN}}

    def save_unless_taken(self) -> Organisation | None:
        """Save; None, with the message at the name, when someone else just saved that name.

        The form checks the name before saving, but two people saving the same name at the
        same moment both pass that check; the database then refuses the second.
        """
        try:
            with transaction.atomic():
                organisation: Organisation = self.save()
                return organisation
        except IntegrityError:
            name = self.cleaned_data["name"]
            if not Organisation.objects.filter(name=name).exclude(pk=self.instance.pk).exists():
                raise
            self.add_error("name", NAME_TAKEN)
            return None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
