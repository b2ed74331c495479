"""Random form input never raises (which would be a 500); valid input saves and reads back."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.forms import LapseForm
from partnerships.choices import OrganisationKind
from partnerships.forms import OrganisationForm
from partnerships.models import Organisation
from reports.forms import YearForm

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.one_of(
    st.text(max_size=400),
    st.integers().map(str),
    st.sampled_from(["", " ", "0", "-1", "javascript:alert(1)", "=SUM(A1)", "\x00"]),
)


def form_data(fields: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict[str, str]]:
    """Each field valid-looking or junk, and sometimes left out."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(s, junk) for name, s in fields.items()}
    )


organisation_fields = {
    "name": st.text(min_size=1, max_size=200).filter(str.strip),
    "kind": st.sampled_from(OrganisationKind.values),
    "place": st.text(max_size=100),
    "website": st.sampled_from(["", "https://www.ggdzl.nl", "ggdzl.nl", "ftp://x"]),
}


@pytest.mark.django_db
@given(data=form_data(organisation_fields))
@FUZZ
def test_organisation_form_never_fails_and_round_trips(data):
    form = OrganisationForm(data)
    if not form.is_valid():
        assert all(isinstance(m, str) and m for ms in form.errors.values() for m in ms)
        return
    with transaction.atomic():
        saved = form.save()
        reloaded = Organisation.objects.get(pk=saved.pk)
        for name, value in form.cleaned_data.items():
            assert getattr(reloaded, name) == value
        transaction.set_rollback(True)


@given(data=form_data({"lapse_reason": st.text(max_size=300), "version": st.integers().map(str)}))
@FUZZ
def test_lapse_form_never_fails(data):
    form = LapseForm(data)
    if form.is_valid():
        assert form.cleaned_data["lapse_reason"].strip()
        assert isinstance(form.cleaned_data["version"], int)


@given(data=form_data({"year": st.integers(1990, 2100).map(str)}))
@FUZZ
def test_year_form_never_fails_and_falls_back_to_a_real_year(data):
    year = YearForm(data).selected_year()
    assert 2000 <= year <= 2100
