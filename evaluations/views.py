"""The dashboard, the evaluation agenda, an evaluation's workflow and the calendar feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from partnerships.models import Partnership
from samenwerkingswijzer.editing import ConcurrentEditError
from samenwerkingswijzer.exports import csv_download, stream_csv
from samenwerkingswijzer.views import FilteredTableView, ObjectPermissionRequiredMixin

from .calendar_feed import calendar_for
from .dashboard import build_dashboard
from .editor import EvaluationEditor, claim_version
from .filtersets import EvaluationFilterSet
from .forms import LapseForm, MilestoneForm
from .models import Evaluation, EvaluationStatus
from .replanning import replan
from .tables import EvaluationTable, agenda_queryset

STALE_MESSAGE = (
    "Iemand anders heeft deze evaluatie intussen gewijzigd. Er is niets veranderd; "
    "bekijk de evaluatie en probeer het opnieuw."
)


class DashboardView(PermissionRequiredMixin, TemplateView):
    """The internal start page: what needs the user's attention."""

    permission_required = "partnerships.view_internal"
    template_name = "evaluations/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["dashboard"] = build_dashboard(self.request.user, timezone.localdate())
        return context


class EvaluationListView(PermissionRequiredMixin, FilteredTableView):
    """The evaluation agenda: every evaluation, filtered, sorted and exported."""

    permission_required = "partnerships.view_internal"
    table_class = EvaluationTable
    filterset_class = EvaluationFilterSet
    template_name = "evaluations/evaluation_list.html"
    export_name = "evaluaties"

    def get_queryset(self) -> QuerySet[Evaluation]:
        return agenda_queryset()

    def create_export(self, export_format: str) -> HttpResponseBase:
        """The CSV streamed in chunks of rows, in constant memory; XLSX as every list page."""
        if export_format != "csv":
            return super().create_export(export_format)  # type: ignore[no-any-return]
        self.table_pagination = False  # type: ignore[assignment]  # every row, sorted as shown
        table = self.get_table(**self.get_table_kwargs())
        filename = self.get_export_filename(export_format)
        return csv_download(stream_csv(table.export_rows()), filename)


def evaluation_queryset() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related(
        "partnership__account_holder", "partnership__deputy", "completed_by"
    )


class EvaluationDetailView(ObjectPermissionRequiredMixin, DetailView):
    """One evaluation: its planning, the answers to the standard questions and the outcome."""

    permission_required = "partnerships.view_internal"
    queryset = evaluation_queryset().prefetch_related("answers__question")
    template_name = "evaluations/evaluation_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        evaluation = self.object
        answers = list(evaluation.answers.all())
        context.update(
            answers=answers,
            is_overdue=evaluation.is_overdue(timezone.localdate()),
            can_change=self.request.user.has_perm("evaluations.change_evaluation", evaluation),
            can_reopen=evaluation.is_completed
            and self.request.user.has_perm("evaluations.reopen_evaluation", evaluation),
            completion_problems=(
                evaluation.completion_problems(answers)
                if evaluation.status == EvaluationStatus.IN_UITVOERING
                else []
            ),
        )
        return context


class EvaluationActionView(ObjectPermissionRequiredMixin, View):
    """Base of the steps that change an evaluation; each checks change_evaluation."""

    permission_required = "evaluations.change_evaluation"

    def get_object(self) -> Evaluation:
        if not hasattr(self, "_evaluation"):
            self._evaluation = get_object_or_404(evaluation_queryset(), pk=self.kwargs["pk"])
        return self._evaluation

    def back(self, message: str = "") -> HttpResponseRedirect:
        if message:
            messages.error(self.request, message)
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    def posted_version(self) -> int | None:
        try:
            return int(self.request.POST.get("version", ""))
        except ValueError:
            return None


class EvaluationStartView(EvaluationActionView):
    """Start: the evaluation is in uitvoering and gets one answer per standard question."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        if not evaluation.can_start:
            return self.back("Deze evaluatie is al gestart of afgesloten.")
        try:
            with transaction.atomic():
                claim_version(evaluation, self.posted_version())
                evaluation.start(timezone.localdate())
        except ConcurrentEditError:
            return self.back(STALE_MESSAGE)
        messages.success(request, "De evaluatie is gestart. Beantwoord nu de vragen.")
        return HttpResponseRedirect(reverse("evaluations:evaluation_update", args=[evaluation.pk]))


class EvaluationUpdateView(EvaluationActionView):
    """The answers to the standard questions and the outcome, with optimistic locking."""

    template_name = "evaluations/evaluation_form.html"

    def render_editor(self, editor: EvaluationEditor, status: int = 200) -> HttpResponse:
        context = {
            "evaluation": editor.evaluation,
            "editor": editor,
            "form": editor.form,
            "error_summary": editor.error_summary() if editor.form.is_bound else [],
        }
        return render(self.request, self.template_name, context, status=status)

    def refuse(self) -> HttpResponse | None:
        status = self.get_object().status
        if status == EvaluationStatus.GEPLAND:
            return self.back("Start de evaluatie eerst; daarna kunt u de vragen beantwoorden.")
        if status == EvaluationStatus.VERVALLEN:
            return self.back("Deze evaluatie is vervallen en kan niet meer worden ingevuld.")
        return None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.refuse() or self.render_editor(
            EvaluationEditor(self.get_object(), user=request.user)
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refuse()
        if refused:
            return refused
        editor = EvaluationEditor(self.get_object(), data=request.POST, user=request.user)
        if not editor.is_valid():
            return self.render_editor(editor)
        try:
            evaluation = editor.save()
        except ConcurrentEditError as error:
            editor.refuse_stale(error)
            return self.render_editor(editor, status=409)
        messages.success(request, "De evaluatie is opgeslagen.")
        return HttpResponseRedirect(evaluation.get_absolute_url())


CONFIRMED = "ja"  # the value of the "Ja" button: only that POST changes anything


class EvaluationCompleteView(EvaluationActionView):
    """Afronden: only when every question has an answer and there is a conclusion and advice.

    GET (and a POST without the "Ja" button) shows what completing does and asks to confirm.
    """

    template_name = "evaluations/evaluation_complete.html"

    def confirm(self, problems: list[str]) -> HttpResponse:
        context = {"evaluation": self.get_object(), "problems": problems}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        return self.confirm(evaluation.completion_problems(list(evaluation.answers.all())))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        problems = evaluation.completion_problems(list(evaluation.answers.all()))
        if problems:
            for problem in problems:
                messages.error(request, problem)
            return self.back()
        if request.POST.get("bevestigd") != CONFIRMED:
            return self.confirm(problems)
        try:
            with transaction.atomic():
                claim_version(evaluation, self.posted_version())
                evaluation.complete(request.user, timezone.localdate())
                # A completed volledige evaluatie moves the next one (rules E2 and E3).
                replan([evaluation.partnership_id])
        except ConcurrentEditError:
            return self.back(STALE_MESSAGE)
        messages.success(
            request, "De evaluatie is afgerond. Alleen een beheerder kan haar nog wijzigen."
        )
        return self.back()


class EvaluationReopenView(EvaluationActionView):
    """Heropenen: a beheerder undoes a completion; GET asks to confirm, the "Ja" POST does it."""

    permission_required = "evaluations.reopen_evaluation"
    template_name = "evaluations/evaluation_reopen.html"
    NOT_COMPLETED = "Deze evaluatie is niet afgerond, dus u kunt haar niet heropenen."

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        if not evaluation.is_completed:
            return self.back(self.NOT_COMPLETED)
        return render(request, self.template_name, {"evaluation": evaluation})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        if not evaluation.is_completed:
            return self.back(self.NOT_COMPLETED)
        if request.POST.get("bevestigd") != CONFIRMED:
            return render(request, self.template_name, {"evaluation": evaluation})
        try:
            with transaction.atomic():
                claim_version(evaluation, self.posted_version())
                evaluation.reopen()
                # Without this completion the next volledige evaluatie counts from an earlier
                # one again (rules E2 and E3).
                replan([evaluation.partnership_id])
        except ConcurrentEditError:
            return self.back(STALE_MESSAGE)
        messages.success(
            request,
            "De evaluatie is heropend en staat weer op ‘In uitvoering’. "
            "Rond haar opnieuw af als ze klaar is.",
        )
        return self.back()


class EvaluationLapseView(EvaluationActionView):
    """Vervallen: the evaluation will not be carried out; the reason is kept."""

    template_name = "evaluations/evaluation_lapse.html"

    def render_form(self, form: LapseForm) -> HttpResponse:
        context = {"evaluation": self.get_object(), "form": form}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        if not evaluation.is_open:
            return self.back("Alleen een geplande of lopende evaluatie kan vervallen.")
        return self.render_form(LapseForm(initial={"version": evaluation.version}))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        evaluation = self.get_object()
        if not evaluation.is_open:
            return self.back("Alleen een geplande of lopende evaluatie kan vervallen.")
        form = LapseForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            with transaction.atomic():
                claim_version(evaluation, form.cleaned_data["version"])
                evaluation.lapse(form.cleaned_data["lapse_reason"])
        except ConcurrentEditError:
            return self.back(STALE_MESSAGE)
        messages.success(request, "De evaluatie is vervallen. De reden staat bij de evaluatie.")
        return self.back()


class EvaluationCreateView(ObjectPermissionRequiredMixin, View):
    """Plan a milestone or tussentijdse evaluation by hand (rule E5)."""

    permission_required = "evaluations.add_evaluation"
    template_name = "evaluations/evaluation_create.html"

    def get_object(self) -> Partnership:
        if not hasattr(self, "_partnership"):
            self._partnership = get_object_or_404(Partnership, pk=self.kwargs["partnership_pk"])
        return self._partnership

    def render_form(self, form: MilestoneForm) -> HttpResponse:
        context = {"partnership": self.get_object(), "form": form}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(MilestoneForm(partnership=self.get_object()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = MilestoneForm(request.POST, partnership=self.get_object())
        if not form.is_valid():
            return self.render_form(form)
        evaluation = form.save()
        messages.success(request, f"{evaluation.title} is gepland.")
        return HttpResponseRedirect(evaluation.get_absolute_url())


class CalendarSubscriptionView(PermissionRequiredMixin, TemplateView):
    """The address of the user's calendar feed, and renewing its secret token."""

    permission_required = "partnerships.view_internal"
    template_name = "evaluations/calendar_subscription.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        path = reverse("evaluations:calendar_feed", args=[self.request.user.calendar_token])  # type: ignore[union-attr]
        context["feed_url"] = self.request.build_absolute_uri(path)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.user.renew_calendar_token()  # type: ignore[union-attr]
        messages.success(
            request,
            "U hebt een nieuw adres voor uw agenda. Het oude adres werkt niet meer: "
            "zet het nieuwe adres in uw agenda-app.",
        )
        return HttpResponseRedirect(reverse("evaluations:calendar_subscription"))


@login_not_required
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS feed: no login (calendar apps cannot log in), only a valid secret token."""
    user = (
        get_user_model().objects.filter(calendar_token=token, is_active=True).first()
        if token
        else None
    )
    if user is None or not user.can_read_internal:  # type: ignore[attr-defined]
        raise Http404("Onbekende agenda.")
    response = HttpResponse(
        calendar_for(user).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="samenwerkingswijzer.ics"'
    return response
