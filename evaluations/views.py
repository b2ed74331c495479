from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView

from partnerships.models import Partnership


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
