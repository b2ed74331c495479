"""Public pages: no login, published partnerships and public fields only (public/fields.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from governance.models import TierRegime
from governance.regime import partnership_regime
from partnerships.models import Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.file_cache import cached_file_response
from samenwerkingswijzer.formatting import NOT_ASSESSED
from samenwerkingswijzer.views import BoundedPaginator

from . import opendata, register
from .filtersets import PublicPartnershipFilterSet
from .presenters import PublicPartnershipPage
from .tables import PublicPartnershipTable

public = method_decorator(login_not_required, name="dispatch")


class CountedPaginator(BoundedPaginator):
    """A paginator that is told how many rows there are, so it does not count them again."""

    def __init__(self, *args: Any, count: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # type: ignore[misc]  # fills the cached_property


@public
class OverviewView(SingleTableMixin, FilterView):
    """`/`: the published register with search, filters, counts per tier and sorting."""

    template_name = "public/overview.html"
    filterset_class = PublicPartnershipFilterSet
    table_class = PublicPartnershipTable
    table_pagination = {"per_page": 25, "paginator_class": CountedPaginator}

    def get_queryset(self) -> QuerySet[Partnership]:
        self.year = register.current_year()
        return register.overview_partnerships(self.year)

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"year": self.year}

    def get_table(self, **kwargs: Any) -> PublicPartnershipTable:
        table: PublicPartnershipTable = super().get_table(**kwargs)
        table.caption = self._caption(table)
        return table

    def get_table_pagination(self, table: PublicPartnershipTable) -> dict[str, Any]:
        pagination: dict[str, Any] = super().get_table_pagination(table)
        pagination["count"] = self._result_count()
        return pagination

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Before the table: its paginator takes the number of rows from these counts.
        self.count_per_tier = self._count_per_tier()
        context = super().get_context_data(**kwargs)
        context["tier_counts"] = self._tier_counts()
        context["year"] = self.year
        context["result_count"] = context["table"].paginator.count
        return context

    def _caption(self, table: PublicPartnershipTable) -> str:
        count = table.paginator.count if table.paginator else len(table.rows)
        noun = "samenwerkingsverband" if count == 1 else "samenwerkingsverbanden"
        ordered = next((col for col in table.columns if col.is_ordered), None)
        caption = f"{count} {noun}"
        if ordered is not None:
            direction = "aflopend" if ordered.order_by_alias.is_descending else "oplopend"
            caption += f", gesorteerd op {str(ordered.header).lower()} ({direction})"
        return caption

    def _count_per_tier(self) -> dict[str, int]:
        """How many partnerships per tier ("" for not weighed), within the other filters."""
        base = self.filterset.filter_queryset_except(register.published_partnerships(), "tier")
        return dict(base.order_by().values_list("tier").annotate(n=Count("pk")))

    def _result_count(self) -> int | None:
        """The number of rows found, from the counts per tier; None when the filters are invalid."""
        form = self.filterset.form
        if self.filterset.is_bound and not form.is_valid():
            return None
        chosen = form.cleaned_data.get("tier") if self.filterset.is_bound else ""
        if chosen:
            return self.count_per_tier.get(chosen, 0)
        return sum(self.count_per_tier.values())

    def _tier_counts(self) -> list[dict[str, Any]]:
        """The counts per tier as the overview shows them; each links to its filter."""
        counts = self.count_per_tier
        query = self.request.GET.copy()
        for key in ("page", "tier"):
            query.pop(key, None)
        chosen = self.request.GET.get("tier", "")
        rows = []
        for tier in Tier:
            query["tier"] = tier.value
            rows.append(
                {
                    "label": tier.label,
                    "count": counts.get(tier.value, 0),
                    "url": "?" + query.urlencode(),
                    "current": chosen == tier.value,
                }
            )
        rows.append(
            {"label": NOT_ASSESSED, "count": counts.get("", 0), "url": "", "current": False}
        )
        return rows


@public
# The link back to the results follows the overview the visitor came from (Referer).
@method_decorator(vary_on_headers("Referer"), name="dispatch")
class PartnershipDetailView(DetailView):
    """The public page of one published partnership."""

    template_name = "public/partnership_detail.html"
    context_object_name = "partnership"

    def get_queryset(self) -> QuerySet[Partnership]:
        return register.detail_partnerships()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page"] = PublicPartnershipPage(self.object)
        tier_regime = TierRegime.objects.filter(tier=self.object.tier).first()
        context["regime"] = partnership_regime(self.object, tier_regime, internal=False)
        return context


@public
class OpenDataView(TemplateView):
    """`/open-data/`: what the files contain, column by column."""

    template_name = "public/open_data.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["columns"] = opendata.COLUMNS
        context["json_only"] = opendata.JSON_ONLY
        context["csv_delimiter"] = opendata.CSV_DELIMITER
        context["year"] = register.current_year()
        return context


@public
class OpenDataCsvView(View):
    """The open data as CSV: made once per data version, streamed, then served from the cache."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        year = register.current_year()
        response = cached_file_response(
            request,
            key=opendata.file_key("csv", year),
            make=lambda: opendata.csv_chunks(register.open_data_partnerships(year), year),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="samenwerkingsverbanden.csv"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


@public
class OpenDataJsonView(View):
    """The open data as JSON, made and cached like the CSV file."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        year = register.current_year()
        response = cached_file_response(
            request,
            key=opendata.file_key("json", year),
            make=lambda: opendata.json_chunks(register.open_data_partnerships(year), year),
            content_type="application/json; charset=utf-8",
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


@public
class AccessibilityView(TemplateView):
    """`/toegankelijkheid/`: the accessibility statement the law asks for."""

    template_name = "public/accessibility.html"
    # Change both when the statement is reviewed; the audit is due within six months (status C).
    statement_date = date(2026, 11, 22)
    audit_due = date(2027, 5, 22)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statement_date"] = self.statement_date
        context["audit_due"] = self.audit_due
        context["contact_email"] = settings.ACCESSIBILITY_CONTACT_EMAIL
        return context
