"""The afweging of a partnership and the yearly kadernota round."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from partnerships.models import Partnership

from .forms import LIST_CHANGED, AssessmentForm, TierDecisionFormSet
from .framework import active_framework, kader_of, prefills_for
from .kadernota import kadernota_rows

FIRST_YEAR, LAST_YEAR = 2000, 2100


class AssessmentView(PermissionRequiredMixin, TemplateView):
    """Answer the questions, see the advice, choose the tier; earlier afwegingen below."""

    permission_required = "partnerships.view_internal"
    template_name = "governance/assessment.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.partnership = get_object_or_404(Partnership, pk=kwargs["pk"])
        self.framework = active_framework()
        self.kader = kader_of(self.framework) if self.framework else None

    def can_assess(self) -> bool:
        return self.request.user.has_perm("governance.add_assessment", self.partnership)

    def new_form(self, data: Any = None, confirming: bool = False) -> AssessmentForm | None:
        if self.kader is None or not self.can_assess():
            return None
        prefills = prefills_for(self.partnership, self.kader)
        return AssessmentForm(self.kader, data, prefills=prefills, confirming=confirming)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.new_form()
        outcome = form.outcome if form is not None and kwargs.get("preview") else None
        context.update(
            partnership=self.partnership,
            framework=self.framework,
            kader=self.kader,
            form=form,
            outcome=outcome,
            # The rule that matched, by its own number and condition (not its list position).
            rule_text=outcome.rule_text if outcome else "",
            assessments=self.partnership.assessments.select_related("framework", "assessed_by"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_assess():
            raise PermissionDenied
        confirming = request.POST.get("action") == "save"
        form = self.new_form(request.POST, confirming=confirming)
        if form is None:
            messages.error(request, "Er is geen afwegingskader in gebruik.")
            return HttpResponseRedirect(request.path)
        if form.is_valid() and confirming:
            assert self.framework is not None
            form.save(self.partnership, self.framework, request.user)
            messages.success(request, "De afweging is vastgelegd.")
            return HttpResponseRedirect(request.path)
        if form.advice_changed:
            messages.warning(
                request,
                "Het advies is veranderd door uw antwoorden. Kijk het nieuwe advies na en "
                "leg daarna de afweging vast.",
            )
        if form.outcome is not None and (not confirming or form.advice_changed):
            return self.render_to_response(
                self.get_context_data(form=self.preview(form), preview=True)
            )
        messages.error(request, "De afweging is niet vastgelegd. Verbeter de fouten hieronder.")
        preview = form.outcome is not None
        return self.render_to_response(self.get_context_data(form=form, preview=preview))

    def preview(self, form: AssessmentForm) -> AssessmentForm:
        """The same answers with the advice pre-selected as the chosen tier."""
        assert form.outcome is not None
        data = dict(form.data.items())
        advice = form.outcome.tier
        if data.get("previewed_tier") != advice or not data.get("chosen_tier"):
            data["chosen_tier"] = advice
        data["previewed_tier"] = advice
        preview = self.new_form(data)
        assert preview is not None
        preview.is_valid()
        return preview


class KadernotaView(PermissionRequiredMixin, TemplateView):
    """Every active partnership with last decision and latest advice; the beheerder decides."""

    permission_required = "partnerships.view_internal"
    template_name = "governance/kadernota.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.year = kwargs["year"]
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise Http404("Geen kadernota voor dit jaar.")

    def can_decide(self) -> bool:
        return self.request.user.has_perm("governance.decide_tiers")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = kwargs["rows"] if "rows" in kwargs else kadernota_rows(self.year)
        formset = kwargs.get("formset")
        if formset is None and self.can_decide():
            formset = TierDecisionFormSet(initial=[row.initial() for row in rows], rows=rows)
        context.update(
            year=self.year,
            rows=rows,
            formset=formset,
            entries=list(zip(rows, formset.forms, strict=True)) if formset else [],
            decided_count=sum(1 for row in rows if row.current),
            previous_year=self.year - 1,
            next_year=self.year + 1,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_decide():
            raise PermissionDenied
        rows = kadernota_rows(self.year)
        formset = TierDecisionFormSet(request.POST, rows=rows)
        if formset.is_valid():
            stored = formset.save(self.year, request.user)
            messages.success(
                request,
                f"Kadernota {self.year}: {stored} besluit(en) vastgelegd."
                if stored
                else f"Kadernota {self.year}: er was niets veranderd.",
            )
            return HttpResponseRedirect(reverse("governance:kadernota", args=[self.year]))
        if formset.total_form_count() != len(rows):
            # Rows and forms no longer line up: start again from the current list.
            messages.error(request, LIST_CHANGED)
            return HttpResponseRedirect(reverse("governance:kadernota", args=[self.year]))
        messages.error(request, "Er is niets vastgelegd. Verbeter de fouten hieronder.")
        return self.render_to_response(self.get_context_data(rows=rows, formset=formset))
