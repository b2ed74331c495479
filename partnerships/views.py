from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView, ListView

from .models import Organisation, Partnership


class PartnershipListView(PermissionRequiredMixin, ListView):
    permission_required = "partnerships.view_internal"
    model = Partnership


class PartnershipDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnerships.view_internal"
    model = Partnership


class OrganisationListView(PermissionRequiredMixin, ListView):
    permission_required = "partnerships.view_internal"
    model = Organisation
