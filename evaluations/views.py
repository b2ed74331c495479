from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView, TemplateView

from partnerships.models import Partnership
from samenwerkingswijzer.views import ObjectPermissionRequiredMixin

from .models import Evaluation


class DashboardView(PermissionRequiredMixin, TemplateView):
    """The internal start page: what needs the user's attention."""

    permission_required = "partnerships.view_internal"
    template_name = "evaluations/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["my_partnerships"] = Partnership.objects.of_user(self.request.user).only(
            "name", "tier"
        )
        return context


class EvaluationDetailView(ObjectPermissionRequiredMixin, DetailView):
    """One evaluation: its planning, the answers to the standard questions and the outcome."""

    permission_required = "partnerships.view_internal"
    queryset = Evaluation.objects.select_related(
        "partnership__account_holder", "completed_by"
    ).prefetch_related("answers__question")
    template_name = "evaluations/evaluation_detail.html"
