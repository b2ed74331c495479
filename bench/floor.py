"""The floor: the public overview's first 50 rows in a minimal template, nothing else.

What any Django page showing these rows must at least cost; the overview is compared to it.
"""

from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, Subquery, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.choices import ContributionKind
from partnerships.models import Contribution, Partnership


@login_not_required
def floor(request: HttpRequest) -> HttpResponse:
    this_year = (
        Contribution.objects.filter(
            partnership=OuterRef("pk"), year=date.today().year, kind=ContributionKind.FINANCIEEL
        )
        .values("partnership")
        .annotate(total=Sum("budgeted"))
        .values("total")
    )
    rows = (
        Partnership.objects.published()
        .select_related("policy_domain")
        .annotate(contribution=Subquery(this_year))
        .order_by("name")[:50]
    )
    return render(request, "bench/floor.html", {"partnerships": rows})
