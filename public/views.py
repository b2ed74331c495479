"""Public pages: no login, published partnerships and public fields only."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from partnerships.models import Partnership

public = method_decorator(login_not_required, name="dispatch")


@public
class OverviewView(ListView):
    template_name = "public/overview.html"
    context_object_name = "partnerships"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Partnership.objects.published().only("name", "slug", "tier")


@public
class PartnershipDetailView(DetailView):
    template_name = "public/partnership_detail.html"
    context_object_name = "partnership"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Partnership.objects.published()


@public
class OpenDataView(TemplateView):
    template_name = "public/open_data.html"


@public
class AccessibilityView(TemplateView):
    template_name = "public/accessibility.html"
