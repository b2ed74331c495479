"""A published register of any size, built quickly for the public tests."""

from datetime import date
from decimal import Decimal

import pytest

from partnerships.choices import ContributionKind, ParticipationRole
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    EvaluationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyDomainFactory,
    TierDecisionFactory,
    UserFactory,
)

THIS_YEAR = date.today().year


def full_partnership(*, rows: int = 1, **fields):
    """A published partnership with `rows` partners, contributions, decisions and evaluations."""
    decided_by = UserFactory(username="kadernota-beheerder")
    fields.setdefault("account_holder", UserFactory(username="register-accounthouder"))
    partnership = PartnershipFactory(**fields)
    for n in range(rows):
        ParticipationFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name=f"{partnership.name} partner {n}"),
            role=ParticipationRole.PENVOERDER if n == 0 else ParticipationRole.DEELNEMER,
        )
        ContributionFactory(
            partnership=partnership, year=THIS_YEAR - n, budgeted=Decimal("1000.00") * (n + 1)
        )
        DecisionFactory(partnership=partnership, title=f"Besluit {n}")
        EvaluationFactory(partnership=partnership, completed=True, published=True)
        TierDecisionFactory(
            partnership=partnership,
            year=THIS_YEAR - n,
            decided_by=decided_by,
            political_topics=f"Onderwerp {n}",
        )
    return partnership


@pytest.fixture
def make_register(db):
    """make_register(n) creates n published partnerships with a partner and a contribution."""
    holder = UserFactory(username="register-accounthouder")
    # One policy domain for the whole register, so a domain filter can match many rows.
    domain = PolicyDomainFactory(name="Register")

    def make(count: int) -> list:
        made = []
        for n in range(count):
            partnership = PartnershipFactory(
                account_holder=holder, policy_domain=domain, name=f"Register {n:03d}"
            )
            ParticipationFactory(
                partnership=partnership, organisation=OrganisationFactory(name=f"Partner {n:03d}")
            )
            ContributionFactory(
                partnership=partnership, year=THIS_YEAR, kind=ContributionKind.FINANCIEEL
            )
            made.append(partnership)
        return made

    return make
