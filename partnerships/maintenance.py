"""The beheerder's pages for the register as a whole: hand over partnerships, merge
organisations. Both ask first (a preview with counts) and change only after a confirm."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView

from samenwerkingswijzer.formatting import count_of

from .filtersets import account_holder_choices
from .models import Organisation
from .organisations import MergeRefused, merge_organisations, merge_preview
from .reassigning import handover_of, reassign_partnerships

CONFIRM = "bevestigen"


class ReassignForm(forms.Form):
    leaving = forms.ModelChoiceField(
        label="Van",
        queryset=get_user_model().objects.none(),
        help_text="Wie vertrekt of stopt als accounthouder. Ook gedeactiveerde gebruikers staan "
        "hier, zolang zij nog samenwerkingsverbanden hebben.",
        error_messages={"required": "Kies van wie de samenwerkingsverbanden zijn."},
    )
    successor = forms.ModelChoiceField(
        label="Naar",
        queryset=get_user_model().objects.none(),
        help_text="Wie ze overneemt: een actieve accounthouder of beheerder.",
        error_messages={"required": "Kies wie de samenwerkingsverbanden overneemt."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        holders = Q(account_partnerships__isnull=False) | Q(deputy_partnerships__isnull=False)
        leaving = self.fields["leaving"]
        successor = self.fields["successor"]
        assert isinstance(leaving, forms.ModelChoiceField)
        assert isinstance(successor, forms.ModelChoiceField)
        leaving.queryset = (
            get_user_model().objects.filter(holders).distinct().order_by("first_name", "last_name")
        )
        successor.queryset = account_holder_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("leaving") and data.get("leaving") == data.get("successor"):
            raise forms.ValidationError("Kies bij Van en Naar twee verschillende personen.")
        return data


class ReassignView(PermissionRequiredMixin, FormView):  # type: ignore[type-arg]
    """Every partnership of a leaving accounthouder to a colleague, in one step."""

    permission_required = "partnerships.reassign_partnerships"
    template_name = "partnerships/reassign.html"
    form_class = ReassignForm

    def form_valid(self, form: ReassignForm) -> HttpResponse:
        leaving, successor = form.cleaned_data["leaving"], form.cleaned_data["successor"]
        if CONFIRM not in self.request.POST:
            context = self.get_context_data(form=form, handover=handover_of(leaving))
            return self.render_to_response(context)
        ids = reassign_partnerships(leaving, successor, by=self.request.user)
        messages.success(
            self.request,
            f"{count_of(len(ids), 'samenwerkingsverband', 'samenwerkingsverbanden')} van "
            f"{leaving} {'is' if len(ids) == 1 else 'zijn'} overgedragen aan {successor}. De "
            "geschiedenis van elk samenwerkingsverband laat dat zien.",
        )
        return redirect("partnerships:reassign")


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label="Deze organisatie blijft",
        queryset=Organisation.objects.order_by("name"),
        error_messages={"required": "Kies de organisatie die blijft."},
    )
    duplicate = forms.ModelChoiceField(
        label="Deze dubbele organisatie verdwijnt",
        queryset=Organisation.objects.order_by("name"),
        help_text="Haar deelnames gaan over naar de organisatie die blijft.",
        error_messages={"required": "Kies de dubbele organisatie."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and data.get("keep") == data.get("duplicate"):
            raise forms.ValidationError("Kies twee verschillende organisaties.")
        return data


class OrganisationMergeView(PermissionRequiredMixin, FormView):  # type: ignore[type-arg]
    """Two organisations that are one: keep one, move every link of the other to it."""

    permission_required = "partnerships.merge_organisations"
    template_name = "partnerships/organisation_merge.html"
    form_class = MergeForm

    def form_valid(self, form: MergeForm) -> HttpResponse:
        keep, duplicate = form.cleaned_data["keep"], form.cleaned_data["duplicate"]
        if CONFIRM not in self.request.POST:
            context = self.get_context_data(form=form, preview=merge_preview(keep, duplicate))
            return self.render_to_response(context)
        try:
            merged = merge_organisations(keep, duplicate)
        except MergeRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{duplicate} is samengevoegd met {keep}: "
            f"{count_of(merged.total, 'koppeling', 'koppelingen')} overgezet.",
        )
        return redirect("partnerships:organisation_list")
