"""Views shared by the whole site: the load balancer's health check and view bases."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from .exports import SafeTableExport


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask /favicon.ico whatever the page links; send them to the icon in static/."""
    return HttpResponseRedirect(static("img/favicon.svg"))


class BoundedPaginator(Paginator):
    """Pages of 1 to 100 rows, whatever `?per_page=` asks (rendering cost grows per row);
    a page number out of range shows the nearest page instead of an error, like get_page()."""

    MAX_PER_PAGE = 100

    def __init__(self, object_list: Any, per_page: int | str, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            object_list, min(max(int(per_page), 1), self.MAX_PER_PAGE), *args, **kwargs
        )

    def validate_number(self, number: Any) -> int:
        try:
            return super().validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return 1 if int(number) < 1 else max(self.num_pages, 1)


PAGINATION = {"per_page": 50, "paginator_class": BoundedPaginator}


class FilteredTableView(ExportMixin, SingleTableMixin, FilterView):
    """The base of every list page: a filter form, a sortable paginated table, exports.

    Paginates through the table only (`table_pagination`); `paginate_by` would count twice.
    Exports contain every filtered row, not only the current page.
    """

    table_pagination = PAGINATION
    export_formats = ("csv", "xlsx")
    export_class = SafeTableExport
    export_trigger_param = "export"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(self.export_trigger_param, None)
        context["query_string"] = query.urlencode()
        return context


class ObjectPermissionRequiredMixin(PermissionRequiredMixin):
    """Checks `permission_required` against the view's object (rules, accounts/rules.py)."""

    def get_permission_object(self) -> Any:
        return self.get_object()  # type: ignore[attr-defined]

    def has_permission(self) -> bool:
        perms = self.get_permission_required()
        return self.request.user.has_perms(perms, self.get_permission_object())  # type: ignore[attr-defined]
