"""Random form input never gives a 500; valid input saves as validated; invalid saves nothing.

Each example runs in a savepoint that is rolled back, so every example starts from the same
register. The "expected" values come from the form's own cleaned data (Django's parsing of
what was posted) or, where that is simple, from the posted text itself.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import models, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from dossiers.editor import PartnershipEditor
from evaluations.editor import EvaluationEditor
from evaluations.forms import LapseForm, MilestoneForm
from evaluations.models import AnswerStatus, Evaluation, EvaluationKind, EvaluationStatus
from governance.forms import DECISION_FIELDS, LIST_CHANGED, TierDecisionFormSet
from governance.kadernota import kadernota_rows
from governance.models import Assessment, Framework, TierDecision
from partnerships.choices import (
    ContributionKind,
    DecisionBody,
    LegalForm,
    Motive,
    Nature,
    OrganisationKind,
    ParticipationRole,
    Regulation,
    Status,
)
from partnerships.forms import OrganisationForm
from partnerships.models import Organisation, Partnership
from partnerships.tiers import Tier
from reports.forms import YearForm
from tests.factories import (
    AssessmentFactory,
    BudgetProgrammeFactory,
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    FinancialPositionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyDomainFactory,
    TierDecisionFactory,
)
from tests.partnerships.helpers import editor_data

from .fuzz import (
    FUZZ,
    FUZZ_FEW,
    assert_shown_in_dutch,
    checkbox,
    dates,
    error_messages,
    junk,
    money,
    one_of_values,
    post_data,
    rolled_back,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]


def form_data(fields: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict[str, str]]:
    """Each field valid-looking or junk, and sometimes left out."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(s, junk) for name, s in fields.items()}
    )


def comparable(value: Any) -> Any:
    """A value as stored and as cleaned compare equal: 10 == 10.00, an object by its key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return value


def assert_stored_as_cleaned(obj: models.Model, cleaned: dict[str, Any], skip=("version", "base")):
    for name, value in cleaned.items():
        if name not in skip:
            assert comparable(getattr(obj, name)) == comparable(value), name


# Small forms -------------------------------------------------------------------------------

organisation_fields = {
    "name": st.text(min_size=1, max_size=200).filter(str.strip),
    "kind": st.sampled_from(OrganisationKind.values),
    "place": st.text(max_size=100),
    "website": st.sampled_from(["", "https://www.ggdzl.nl", "ggdzl.nl", "ftp://x"]),
}


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


# The partnership with its four formsets ---------------------------------------------------


@dataclass(frozen=True)
class RegisterChoices:
    """The keys a select on the partnership form offers."""

    organisations: list[str]
    policy_domains: list[str]
    budget_programmes: list[str]
    users: list[str]


def partnership_fields(choices: RegisterChoices) -> dict[str, st.SearchStrategy[Any]]:
    """Every field an accounthouder sees (publishing and handing over are the beheerder's)."""
    return {
        "name": text(200, required=True),
        "description": text(500, required=True),
        "goals": text(300),
        "public_interest": text(300),
        "motives": st.lists(st.sampled_from(Motive.values), unique=True, max_size=3),
        "added_value_perspective": one_of_values(range(1, 5), blank=True),
        "nature": one_of_values(Nature.values),
        "policy_domain": st.sampled_from(["", *choices.policy_domains]),
        "budget_programme": st.sampled_from(["", *choices.budget_programmes]),
        "legal_form": one_of_values(LegalForm.values),
        "regulation": one_of_values(Regulation.values, blank=True),
        "legally_required": checkbox,
        "powers_transferred": checkbox,
        "is_verbonden_partij": checkbox,
        "bestuurlijk_belang": text(200),
        "financieel_belang": text(200),
        "start_date": dates,
        "end_date": st.one_of(st.just(""), dates),
        "notice_period_months": st.one_of(st.just(""), st.integers(0, 120).map(str)),
        "evaluation_lead_months": st.integers(0, 60).map(str),
        "status": one_of_values([Status.IN_VOORBEREIDING, Status.ACTIEF]),
        "portfolio_holder": text(150),
        "deputy": st.sampled_from(["", *choices.users]),
        "representatives": text(200),
        "registered_office": text(100),
        "website": st.sampled_from(["", "https://www.ggdzl.nl", "ggdzl.nl"]),
        "internal_notes": text(200),
    }


def row_fields(choices: RegisterChoices) -> dict[str, dict[str, st.SearchStrategy[Any]]]:
    years = st.integers(1995, 2035).map(str)
    return {
        "participations": {
            "organisation": st.sampled_from(["", *choices.organisations]),
            "role": one_of_values(ParticipationRole.values),
            "share": st.one_of(st.just(""), money("0", "45")),
        },
        "contributions": {
            "year": years,
            "kind": one_of_values(ContributionKind.values),
            "budgeted": money(),
            "actual": st.one_of(st.just(""), money()),
            "budget_line": text(150),
            "note": text(300),
        },
        "financial_positions": {
            "year": years,
            "equity_begin": st.one_of(st.just(""), money()),
            "equity_end": st.one_of(st.just(""), money()),
            "debt_begin": st.one_of(st.just(""), money()),
            "debt_end": st.one_of(st.just(""), money()),
            "result": st.one_of(st.just(""), money("-999999999999.99")),
            "interest_begin": text(200),
            "interest_end": text(200),
            "risks": text(200),
        },
        "decisions": {
            "body": one_of_values(DecisionBody.values),
            "date": dates,
            "reference": text(100),
            "title": text(300, required=True),
            "url": st.sampled_from(["", "https://raad.nl/besluit/12", "raad.nl/besluit/12"]),
        },
    }


management_junk = st.sampled_from(["", "-1", "abc", "0", "7", "10000", "99999999999999999999"])


@st.composite
def partnership_post(
    draw, base: dict[str, Any], choices: RegisterChoices, tamper: bool | None = None
) -> dict[str, Any]:
    """The editor's POST: the main form, changed or removed rows, new rows, the lock."""
    if tamper is None:
        tamper = draw(st.booleans())
    main = partnership_fields(choices)
    data = {key: value for key, value in base.items() if key not in main}
    data.update(draw(post_data(main, tamper)))
    for prefix, fields in row_fields(choices).items():
        initial = int(base[f"{prefix}-INITIAL_FORMS"])
        # Start from the rows that exist; the empty extra rows are drawn anew.
        data = {
            key: value
            for key, value in data.items()
            if not key.startswith(f"{prefix}-")
            or key.partition("-")[2].partition("-")[0] in {str(i) for i in range(initial)}
            or key.endswith("_FORMS")
        }
        for row in range(initial):
            if draw(st.booleans()):
                for name in fields:
                    data.pop(f"{prefix}-{row}-{name}", None)
                changed = draw(post_data(fields, tamper))
                data.update({f"{prefix}-{row}-{k}": v for k, v in changed.items()})
            if draw(st.integers(0, 3)) == 0:
                data[f"{prefix}-{row}-DELETE"] = "on"
        new_rows = draw(st.lists(post_data(fields, tamper), max_size=1))
        for number, values in enumerate(new_rows, start=initial):
            data.update({f"{prefix}-{number}-{k}": v for k, v in values.items()})
        data[f"{prefix}-TOTAL_FORMS"] = str(initial + len(new_rows))
        if tamper and draw(st.integers(0, 3)) == 0:
            counter = draw(st.sampled_from(["TOTAL_FORMS", "INITIAL_FORMS"]))
            data[f"{prefix}-{counter}"] = draw(management_junk)
    if tamper and draw(st.booleans()):
        data["version"] = draw(st.one_of(junk, st.sampled_from(["0", "1", "2"])))
    return data


def register_of(partnership_pk: int | None = None) -> dict[str, Any]:
    """Everything the editor may write, to show that a refused post changed nothing."""
    partnerships = Partnership.objects.order_by("pk")
    return {
        "partnerships": list(partnerships.values()),
        **{
            prefix: list(
                getattr(Partnership, prefix).rel.related_model.objects.order_by("pk").values()
            )
            for prefix in PartnershipEditor.formset_classes
        },
        "evaluations": list(Evaluation.objects.order_by("pk").values()),
    }


def assert_editor_saved(editor: PartnershipEditor, partnership: Partnership) -> None:
    """The partnership and each kept row read back as the editor validated them."""
    assert_stored_as_cleaned(partnership, editor.form.cleaned_data)
    for prefix, formset in editor.formsets.items():
        names = formset.form._meta.fields
        expected = sorted(
            repr([comparable(form.cleaned_data[n]) for n in names])
            for form in formset.filled_forms()
        )
        stored = sorted(
            repr([comparable(getattr(row, n)) for n in names])
            for row in getattr(partnership, prefix).all()
        )
        assert stored == expected, prefix


def as_posted(post: dict[str, Any]) -> QueryDict:
    """The data as the view receives it: a list value is a field posted several times."""
    data = QueryDict(mutable=True)
    for name, value in post.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def assert_calendar_feeds_answer(*users: Any) -> None:
    """Each user's calendar feed is a calendar, whatever was just saved."""
    for user in users:
        response = Client().get(reverse("evaluations:calendar_feed", args=[user.calendar_token]))
        assert response.status_code == 200, user
        assert response.content.startswith(b"BEGIN:VCALENDAR")


def assert_every_export_answers(partnership: Partnership, reader: Client) -> None:
    """The internal spreadsheets, the open data and both dossiers of `partnership` answer."""
    visitor = Client()
    downloads = [
        (reader, reverse("partnerships:partnership_list") + "?export=csv"),
        (reader, reverse("partnerships:partnership_list") + "?export=xlsx"),
        (reader, reverse("partnerships:organisation_list") + "?export=xlsx"),
        (visitor, reverse("public:open_data_csv")),
        (visitor, reverse("public:open_data_json")),
        (visitor, reverse("public:partnership_dossier", args=[partnership.slug])),
        (reader, reverse("reports:partnership_dossier", args=[partnership.pk])),
    ]
    for client, url in downloads:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert b"".join(response), url


@pytest.fixture
def register_choices(accounthouder, other_accounthouder) -> RegisterChoices:
    return RegisterChoices(
        organisations=[str(OrganisationFactory().pk) for _ in range(3)],
        policy_domains=[str(PolicyDomainFactory().pk)],
        budget_programmes=[str(BudgetProgrammeFactory().pk)],
        users=[str(accounthouder.pk), str(other_accounthouder.pk)],
    )


@pytest.fixture
def full_partnership(own_partnership, register_choices):
    """An assessed partnership (so it has a planned evaluation) with one row of each kind."""
    organisation = Organisation.objects.get(pk=register_choices.organisations[0])
    ParticipationFactory(partnership=own_partnership, organisation=organisation)
    ContributionFactory(partnership=own_partnership, year=2024)
    FinancialPositionFactory(partnership=own_partnership, year=2024)
    DecisionFactory(partnership=own_partnership)
    Partnership.objects.filter(pk=own_partnership.pk).update(tier=Tier.BESTUURLIJK_BELANGRIJK)
    return Partnership.objects.get(pk=own_partnership.pk)


@pytest.fixture
def new_editor_data(accounthouder):
    return editor_data(accounthouder)


@pytest.fixture
def full_editor_data(accounthouder, full_partnership):
    return editor_data(accounthouder, full_partnership)


@given(data=st.data())
@FUZZ_FEW
def test_new_partnership_editor_never_fails_and_saves_what_it_validated(
    accounthouder, register_choices, new_editor_data, data
):
    post = data.draw(partnership_post(new_editor_data, register_choices))
    with rolled_back():
        editor = PartnershipEditor(accounthouder, data=as_posted(post))
        if not editor.is_valid():
            assert all(link.message.strip() for link in editor.error_summary())
            return
        saved = editor.save()
        assert_editor_saved(editor, Partnership.objects.get(pk=saved.pk))
        assert saved.account_holder == accounthouder


@given(data=st.data())
@FUZZ_FEW
def test_every_export_answers_after_any_partnership_the_editor_saved(
    accounthouder, lezer_client, register_choices, new_editor_data, data
):
    # As a browser posts it (no tampering), so that most examples are saved.
    post = data.draw(partnership_post(new_editor_data, register_choices, tamper=False))
    with rolled_back():
        editor = PartnershipEditor(accounthouder, data=as_posted(post))
        if not editor.is_valid():
            return
        saved = editor.save()
        event("saved")
        # Published, so the open data and the public dossier hold it too.
        Partnership.objects.filter(pk=saved.pk).update(published=True)
        assert_every_export_answers(Partnership.objects.get(pk=saved.pk), lezer_client)
        assert_calendar_feeds_answer(accounthouder)


@given(data=st.data())
@FUZZ_FEW
def test_partnership_edit_page_answers_any_post_without_error_or_half_save(
    accounthouder,
    other_accounthouder,
    accounthouder_client,
    full_partnership,
    full_editor_data,
    register_choices,
    data,
):
    url = reverse("dossiers:partnership_update", args=[full_partnership.pk])
    post = data.draw(partnership_post(full_editor_data, register_choices))
    with rolled_back():
        before = register_of()
        expected = PartnershipEditor(
            accounthouder, Partnership.objects.get(pk=full_partnership.pk), data=as_posted(post)
        )
        valid = expected.is_valid()

        response = accounthouder_client.post(url, post)

        assert response.status_code in (200, 302, 409)
        if response.status_code == 302:
            assert valid
            assert_editor_saved(expected, Partnership.objects.get(pk=full_partnership.pk))
            assert_calendar_feeds_answer(accounthouder, other_accounthouder)
            return
        assert register_of() == before, "a refused post saves nothing, not even a part"
        editor = response.context["editor"]
        page = response.content.decode()
        assert_shown_in_dutch(page, error_messages(editor.form, *editor.formsets.values()))


# The afweging -------------------------------------------------------------------------------

TIERS = [tier.value for tier in Tier]


def assessment_fields() -> dict[str, st.SearchStrategy[Any]]:
    return {
        **{f"K{n}": st.sampled_from(["0", "1", "2"]) for n in range(1, 5)},
        **{f"Q{n}": st.sampled_from(["ja", "nee"]) for n in range(1, 3)},
        "action": st.sampled_from(["preview", "save"]),
        "previewed_tier": st.sampled_from(["", *TIERS]),
        "chosen_tier": st.sampled_from(["", *TIERS]),
        "motivation": text(300),
    }


@given(post=post_data(assessment_fields()))
@FUZZ
def test_assessment_page_answers_any_post_and_stores_exactly_the_answers(
    accounthouder_client, own_partnership, post
):
    url = reverse("dossiers:assessment", args=[own_partnership.pk])
    assert Framework.objects.filter(is_active=True).exists()
    with rolled_back():
        response = accounthouder_client.post(url, post)

        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert not Assessment.objects.exists()
            form = response.context["form"]
            if form.errors:
                assert_shown_in_dutch(response.content.decode(), error_messages(form))
            return
        assessment = Assessment.objects.get()
        assert assessment.criterion_answers == {f"K{n}": int(post[f"K{n}"]) for n in range(1, 5)}
        assert assessment.qualifier_answers == {f"Q{n}": post[f"Q{n}"] == "ja" for n in (1, 2)}
        assert assessment.advised_tier == post["previewed_tier"]
        assert assessment.chosen_tier == post["chosen_tier"]
        deviates = post["chosen_tier"] != post["previewed_tier"]
        assert assessment.motivation == (post.get("motivation", "").strip() if deviates else "")
        assert not deviates or assessment.motivation


# The kadernota round ----------------------------------------------------------------------

KADERNOTA_YEAR = 2026


@pytest.fixture
def kadernota_round():
    """Three active partnerships: advised and decided, advised only, neither."""
    framework = Framework.objects.get(is_active=True)
    decided = PartnershipFactory(name="Alpha")
    AssessmentFactory(partnership=decided, framework=framework)
    TierDecisionFactory(partnership=decided, year=KADERNOTA_YEAR - 1)
    TierDecisionFactory(partnership=decided, year=KADERNOTA_YEAR, tier=Tier.POLITIEK_BELANGRIJK)
    advised = PartnershipFactory(name="Beta")
    AssessmentFactory(
        partnership=advised, framework=framework, chosen_tier=Tier.AMBTELIJK_BELANGRIJK
    )
    PartnershipFactory(name="Gamma")
    return kadernota_rows(KADERNOTA_YEAR)


@st.composite
def kadernota_post(draw, rows) -> dict[str, Any]:
    """A page of the round as a browser posts it: each row's values and those it showed."""
    tamper = draw(st.booleans())
    data: dict[str, Any] = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        shown = row.initial()
        data.update(
            {f"initial-form-{index}-{name}": str(shown[name] or "") for name in DECISION_FIELDS}
        )
        fields = {
            "partnership": st.just(str(row.partnership.pk)),
            "tier": st.sampled_from(["", *TIERS]),
            "political_topics": st.one_of(st.just(shown["political_topics"]), text(300)),
            "mandate": st.one_of(st.just(shown["mandate"]), text(300)),
            "motivation": text(300),
        }
        values = draw(post_data(fields, tamper))
        data.update({f"form-{index}-{name}": value for name, value in values.items()})
    if tamper and draw(st.booleans()):
        data["form-TOTAL_FORMS"] = draw(st.one_of(management_junk, st.just(str(len(rows) - 1))))
    return data


def decisions_of_year() -> dict[int, dict[str, Any]]:
    return {d["partnership_id"]: d for d in TierDecision.objects.order_by("pk").values()}


@given(data=st.data())
@FUZZ
def test_kadernota_answers_any_post_and_stores_exactly_the_valid_changed_rows(
    beheerder_client, kadernota_round, data
):
    post = data.draw(kadernota_post(kadernota_round))
    url = reverse("dossiers:kadernota", args=[KADERNOTA_YEAR])
    with rolled_back():
        before = decisions_of_year()
        ids = TierDecisionFormSet.posted_ids(post)
        expected = TierDecisionFormSet(post, rows=kadernota_rows(KADERNOTA_YEAR, ids=ids))
        expected.is_valid()

        response = beheerder_client.post(url, post)

        assert response.status_code in (200, 302)
        after = decisions_of_year()
        if expected.non_form_errors():
            assert after == before, "a page that does not add up stores nothing"
            if response.status_code == 302:
                assert LIST_CHANGED in [m.message for m in get_messages(response.wsgi_request)]
            return
        for form in expected.forms:
            pk = form.row.partnership.pk
            values = form.decision_values() if form.is_valid() else None
            if values is None:
                assert after.get(pk) == before.get(pk), "a refused or untouched row stays"
                continue
            stored = after[pk]
            assert {name: stored[name] for name in DECISION_FIELDS} == values
        if expected.invalid_forms:
            assert response.status_code == 200
            formset = response.context["formset"]
            assert_shown_in_dutch(response.content.decode(), error_messages(formset))


# An evaluation: answers and outcome ------------------------------------------------------


@pytest.fixture
def started_evaluation(own_partnership):
    evaluation = EvaluationFactory(partnership=own_partnership, kind=EvaluationKind.VOLLEDIG)
    evaluation.start(date(2026, 3, 1))
    # On the raad agenda, so the form asks for the agenda date too.
    Evaluation.objects.filter(pk=evaluation.pk).update(on_council_agenda=True)
    return Evaluation.objects.get(pk=evaluation.pk)


@st.composite
def evaluation_post(draw, evaluation: Evaluation) -> dict[str, Any]:
    tamper = draw(st.booleans())
    answers = list(evaluation.answers.order_by("question__order", "question__pk"))
    data = draw(
        post_data(
            {
                "version": st.just(str(evaluation.version)),
                "conclusion": text(500),
                "advice": st.sampled_from(["", "voortzetten", "bijsturen", "beeindigen"]),
                "lessons_learned": text(300),
                "council_agenda_date": st.one_of(st.just(""), dates),
                "published": checkbox,
            },
            tamper,
        )
    )
    data.update(
        {"antwoorden-TOTAL_FORMS": str(len(answers)), "antwoorden-INITIAL_FORMS": str(len(answers))}
    )
    for index, answer in enumerate(answers):
        fields = {
            "id": st.just(str(answer.pk)),
            "status": one_of_values(AnswerStatus.values, blank=True),
            "note": text(300),
        }
        values = draw(post_data(fields, tamper))
        data.update({f"antwoorden-{index}-{name}": value for name, value in values.items()})
    if tamper and draw(st.integers(0, 3)) == 0:
        counter = draw(st.sampled_from(["TOTAL_FORMS", "INITIAL_FORMS"]))
        data[f"antwoorden-{counter}"] = draw(management_junk)
    return data


def evaluation_state(evaluation: Evaluation) -> tuple[Any, ...]:
    return (
        Evaluation.objects.filter(pk=evaluation.pk).values().get(),
        list(evaluation.answers.order_by("pk").values()),
    )


@given(data=st.data())
@FUZZ
def test_evaluation_form_answers_any_post_and_saves_answers_and_outcome_together(
    accounthouder_client, started_evaluation, data
):
    evaluation = started_evaluation
    assert evaluation.answers.exists()
    post = data.draw(evaluation_post(evaluation))
    url = reverse("evaluations:evaluation_update", args=[evaluation.pk])
    with rolled_back():
        before = evaluation_state(evaluation)
        expected = EvaluationEditor(Evaluation.objects.get(pk=evaluation.pk), data=post)
        valid = expected.is_valid()

        response = accounthouder_client.post(url, post)

        assert response.status_code in (200, 302, 409)
        if response.status_code == 302:
            assert valid
            assert_stored_as_cleaned(
                Evaluation.objects.get(pk=evaluation.pk), expected.form.cleaned_data
            )
            for form in expected.answers.forms:
                answer = evaluation.answers.get(pk=form.cleaned_data["id"].pk)
                assert_stored_as_cleaned(answer, form.cleaned_data, skip=("id", "DELETE"))
            return
        assert evaluation_state(evaluation) == before, "a refused post saves nothing"
        editor = response.context["editor"]
        assert_shown_in_dutch(
            response.content.decode(), error_messages(editor.form, editor.answers)
        )


# A milestone planned by hand ------------------------------------------------------------

milestone_fields = {
    "kind": one_of_values([EvaluationKind.MIJLPAAL, EvaluationKind.TUSSENTIJDS]),
    "title": text(200, required=True),
    "due_date": dates,
}


@given(data=form_data(milestone_fields))
@FUZZ
def test_milestone_form_never_fails_for_any_partnership_looptijd(own_partnership, data):
    # Up to the last looptijd the partnership form allows: the planning must not overflow.
    for end_date in (None, date(2030, 6, 30), date(2100, 12, 31)):
        own_partnership.end_date = end_date
        form = MilestoneForm(data, partnership=own_partnership)
        if not form.is_valid():
            assert all(m.strip() for m in error_messages(form))


@given(post=post_data(milestone_fields))
@FUZZ
def test_milestone_page_answers_any_post_and_plans_exactly_what_was_posted(
    accounthouder, accounthouder_client, own_partnership, post
):
    url = reverse("evaluations:evaluation_create", args=[own_partnership.pk])
    with rolled_back():
        before = list(Evaluation.objects.order_by("pk").values())

        response = accounthouder_client.post(url, post)

        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert list(Evaluation.objects.order_by("pk").values()) == before
            form = response.context["form"]
            assert_shown_in_dutch(response.content.decode(), error_messages(form))
            return
        planned = Evaluation.objects.exclude(pk__in=[e["pk"] for e in before]).get()
        assert (planned.kind, planned.title, planned.due_date.isoformat()) == (
            post["kind"],
            post["title"].strip(),
            post["due_date"],
        )
        assert (planned.partnership, planned.status) == (own_partnership, EvaluationStatus.GEPLAND)
        assert_calendar_feeds_answer(accounthouder)


# The two server errors the properties above found, kept as plain examples --------------


def test_a_looptijd_beyond_2100_is_refused_next_to_the_date(
    accounthouder, accounthouder_client, full_partnership
):
    url = reverse("dossiers:partnership_update", args=[full_partnership.pk])
    post = editor_data(accounthouder, full_partnership)
    post["start_date"] = "9999-01-01"
    before = register_of()

    response = accounthouder_client.post(url, post)

    assert response.status_code == 200
    assert "Vul een datum in tussen 1900 en 2100." in response.content.decode()
    assert register_of() == before


def test_a_tampered_answer_count_adds_no_answer(accounthouder_client, started_evaluation):
    evaluation = started_evaluation
    count = evaluation.answers.count()
    post = {
        "version": str(evaluation.version),
        "antwoorden-TOTAL_FORMS": str(count + 1),
        "antwoorden-INITIAL_FORMS": str(count),
        f"antwoorden-{count}-status": AnswerStatus.GOED,
    }
    for index, answer in enumerate(evaluation.answers.order_by("question__order", "pk")):
        post[f"antwoorden-{index}-id"] = str(answer.pk)

    response = accounthouder_client.post(
        reverse("evaluations:evaluation_update", args=[evaluation.pk]), post
    )

    assert response.status_code == 302
    assert evaluation.answers.count() == count
    assert not evaluation.answers.filter(status=AnswerStatus.GOED).exists()
