"""The governance regime of a partnership: vorm · rolverdeling · afspraken en instrumenten.

Composed from the tier's defaults (TierRegime rows, kept as data) and what the legal form
brings by law. The evaluation lines come from the planning rules themselves
(governance/evaluation_duties.py, docs/rulebook.md), so the regime promises exactly the
evaluations the planner plans. Public by default: the accounthouder's name only when
`internal=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partnerships.choices import LegalForm, Regulation
from partnerships.models import Partnership
from partnerships.tiers import Tier

from .evaluation_duties import regime_lines
from .models import TierRegime

WGR_OWN_BODY_INSTRUMENTS = [
    "Wettelijk (Wgr): het dagelijks bestuur stuurt de raad elk jaar een kaderbrief.",
    "Wettelijk (Wgr): de raad geeft binnen 12 weken een zienswijze op de ontwerpbegroting.",
    "Wettelijk (Wgr): de raad ontvangt de jaarrekening van de regeling.",
]
CENTRUMGEMEENTE_INSTRUMENTS = [
    "Wgr zonder eigen orgaan: de afspraken staan in de regeling; er is geen eigen "
    "begrotingscyclus.",
]
PRIVATE_BODY_INSTRUMENTS = [
    "Wettelijk (art. 160 Gemeentewet): het college besluit pas over deelname, oprichting of "
    "wijziging nadat de raad zijn wensen en bedenkingen heeft kunnen geven.",
]
AGREEMENT_INSTRUMENTS = [
    "Geen wettelijke cyclus: de afspraken staan in de overeenkomst of het convenant.",
]


@dataclass(frozen=True)
class Regime:
    """Three lists of sentences, in the order the page shows them."""

    form: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)


def partnership_regime(
    partnership: Partnership, tier_regime: TierRegime | None, *, internal: bool = False
) -> Regime:
    """The regime shown on the partnership page; `tier_regime` is the row of its tier."""
    return Regime(
        form=_form(partnership),
        roles=_roles(partnership, tier_regime, internal),
        instruments=_instruments(partnership, tier_regime),
    )


def _form(p: Partnership) -> list[str]:
    lines = [f"Juridische vorm: {p.get_legal_form_display()}"]
    if p.regulation:
        lines.append(f"Regeling: {p.get_regulation_display().lower()}")
    lines.append(f"Aard: {p.get_nature_display().lower()}")
    category = p.bbv_category
    if category:
        lines.append(f"Verbonden partij (BBV): {category.label.lower()}")
    if p.powers_transferred:
        lines.append("De gemeente heeft bevoegdheden overgedragen.")
    if p.legally_required:
        lines.append("Deelname is wettelijk verplicht.")
    return lines


def _roles(p: Partnership, tier_regime: TierRegime | None, internal: bool) -> list[str]:
    lines = []
    if p.portfolio_holder:
        lines.append(f"Portefeuillehouder: {p.portfolio_holder}")
    if internal and p.account_holder:
        deputy = f" (plaatsvervanger: {p.deputy})" if p.deputy else ""
        lines.append(f"Accounthouder: {p.account_holder}{deputy}")
    if p.representatives:
        lines.extend(
            f"Vertegenwoordiging: {line.strip()}"
            for line in p.representatives.splitlines()
            if line.strip()
        )
    if tier_regime:
        lines.extend(_lines(tier_regime.role_division))
    if p.legal_form in LegalForm.with_own_body() or p.regulation == Regulation.RAADSREGELING:
        lines.append("De raad is bevoegd of heeft een wettelijke rol.")
    return lines


def _instruments(p: Partnership, tier_regime: TierRegime | None) -> list[str]:
    lines = []
    if p.legal_form in LegalForm.with_own_body():
        lines.extend(WGR_OWN_BODY_INSTRUMENTS)
    elif p.legal_form == LegalForm.CENTRUMGEMEENTE:
        lines.extend(CENTRUMGEMEENTE_INSTRUMENTS)
    elif p.legal_form in LegalForm.private_bodies():
        lines.extend(PRIVATE_BODY_INSTRUMENTS)
    elif p.legal_form in (LegalForm.CONVENANT, LegalForm.OVEREENKOMST):
        lines.extend(AGREEMENT_INSTRUMENTS)
    if p.is_verbonden_partij:
        lines.append("Opgenomen in de paragraaf verbonden partijen van begroting en jaarrekening.")
    tier = Tier(tier_regime.tier) if tier_regime else None
    evaluations = regime_lines(tier, p.end_date, p.evaluation_lead_months)
    if tier_regime is None:
        lines.extend(evaluations)
        lines.append("De afspraken die bij de belangrijkheid horen volgen na de afweging.")
        return lines
    lines.extend(_lines(tier_regime.council_information))
    if tier_regime.risk_analyses_per_year:
        lines.append(f"Risicoanalyse: {tier_regime.risk_analyses_per_year} keer per jaar.")
    lines.extend(evaluations)
    lines.extend(_lines(tier_regime.instruments))
    return lines


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
