"""The afweging of a partnership and the yearly kadernota round.

The forms (`governance/forms.py`) check the input; these views store it through the processes
that re-plan (`evaluations/assessing.py`, `evaluations/tier_deciding.py`), which is why they
sit in the top layer.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView

from evaluations.assessing import record_assessment
from evaluations.tier_deciding import record_tier_decisions
from governance.forms import LIST_CHANGED, AssessmentForm, TierDecisionFormSet
from governance.framework import active_framework, kader_of, prefills_for
from governance.kadernota import (
    PAGE_SIZE,
    STATUS_LABELS,
    kadernota_rows,
    round_counts,
    round_partnerships,
)
from governance.models import TierDecision
from partnerships.models import Partnership

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
            assert form.outcome is not None
            record_assessment(
                self.partnership,
                self.framework,
                form.outcome,
                **form.assessment_values(),
                user=request.user,
            )
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
    """The yearly tier round, a page at a time: last decision and latest advice per
    partnership; the beheerder records the decisions of the rows they change."""

    permission_required = "partnerships.view_internal"
    template_name = "governance/kadernota.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.year = kwargs["year"]
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise Http404("Geen kadernota voor dit jaar.")
        self.status = request.GET.get("status", "")
        if self.status not in STATUS_LABELS:
            self.status = ""

    def can_decide(self) -> bool:
        return self.request.user.has_perm("governance.decide_tiers")

    def this_page(self) -> str:
        """This page's address with its filter and page number, to come back to."""
        return f"{self.request.path}?{self.request.GET.urlencode()}".rstrip("?")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counts = round_counts(self.year)
        paginator = Paginator(round_partnerships(self.year, self.status), PAGE_SIZE)
        # The counts already hold this filter's total: no second count of the register.
        paginator.count = counts.for_status(self.status)
        page = paginator.get_page(self.request.GET.get("page"))
        formset = kwargs.get("formset")
        if formset is not None:
            # After a save with errors: the rows that were posted, as the user left them.
            rows = formset.rows_in_order()
        else:
            rows = kadernota_rows(self.year, page.object_list)
            if self.can_decide():
                formset = TierDecisionFormSet(initial=[row.initial() for row in rows], rows=rows)
        context.update(
            year=self.year,
            rows=rows,
            formset=formset,
            entries=list(zip(rows, formset.forms, strict=True))
            if formset
            else [(row, None) for row in rows],
            counts=counts,
            status=self.status,
            status_label=STATUS_LABELS[self.status],
            status_filters=[
                (key, label, counts.for_status(key)) for key, label in STATUS_LABELS.items()
            ],
            page_obj=page,
            paginator=paginator,
            action=self.this_page(),
            previous_year=self.year - 1,
            next_year=self.year + 1,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_decide():
            raise PermissionDenied
        ids = TierDecisionFormSet.posted_ids(request.POST)
        formset = TierDecisionFormSet(request.POST, rows=kadernota_rows(self.year, ids=ids))
        if formset.non_form_errors():
            # The page does not add up (an unknown or doubled row): store nothing, start again.
            messages.error(request, LIST_CHANGED)
            return HttpResponseRedirect(self.this_page())
        decisions = formset.changed_decisions()
        stored = record_tier_decisions(self.year, decisions, request.user) if decisions else []
        if stored:
            names = {row.partnership.pk: row.partnership for row in formset.rows}
            messages.success(request, recorded_message(self.year, stored, names))
        not_stored = [form.row.partnership for form in formset.invalid_forms if form.row]
        if not not_stored:
            if not stored:
                messages.info(request, f"Kadernota {self.year}: u heeft niets veranderd.")
            return HttpResponseRedirect(self.this_page())
        messages.error(
            request,
            format_html(
                "Niet vastgelegd: {}. Verbeter de fout in {} en leg opnieuw vast.",
                format_html_join(", ", "{}", ((p.name,) for p in not_stored)),
                "die rijen" if len(not_stored) > 1 else "die rij",
            ),
        )
        return self.render_to_response(self.get_context_data(formset=formset.after_save(self.year)))


def recorded_message(
    year: int, stored: list[TierDecision], partnerships: dict[int, Partnership]
) -> str:
    """ "Vastgelegd voor kadernota 2026: A (politiek belangrijk), B (...)", each with a link."""
    named = sorted(
        ((partnerships[d.partnership_id], d.get_tier_display().lower()) for d in stored),
        key=lambda item: item[0].name,
    )
    return format_html(
        "Vastgelegd voor kadernota {}: {}.",
        year,
        format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            ((p.get_absolute_url(), p.name, tier) for p, tier in named),
        ),
    )
