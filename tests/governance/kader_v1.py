"""Version 1 of docs/rulebook.md by hand: the reference the seeded version must equal."""

from governance.scoring import CriterionSpec, Kader, Option, QualifierSpec, RuleSpec
from partnerships.tiers import Tier

OPTIONS = (Option("Nee", 0), Option("Enigszins", 1), Option("Ja, in hoge mate", 2))

KADER_V1 = Kader(
    version=1,
    criteria=(
        CriterionSpec("K1", "Het gaat om een zwaarwegende maatschappelijke opgave.", OPTIONS),
        CriterionSpec("K2", "De samenwerking biedt grote kansen.", OPTIONS),
        CriterionSpec("K3", "De samenwerking brengt grote risico's met zich mee.", OPTIONS),
        CriterionSpec("K4", "Er zijn veel (financiële) middelen mee gemoeid.", OPTIONS),
    ),
    qualifiers=(
        QualifierSpec("Q1", "De raad is bevoegd of heeft een wettelijke rol.", "raad bevoegd"),
        QualifierSpec("Q2", "Het onderwerp is politiek gevoelig.", "politiek gevoelig"),
    ),
    rules=(
        RuleSpec(1, Tier.POLITIEK_ZEER_BELANGRIJK, min_score=6, min_qualifiers=1),
        RuleSpec(2, Tier.POLITIEK_ZEER_BELANGRIJK, min_score=4, min_qualifiers=2),
        RuleSpec(3, Tier.POLITIEK_BELANGRIJK, min_score=4, min_qualifiers=1),
        RuleSpec(4, Tier.POLITIEK_BELANGRIJK, min_score=2, required_qualifier="Q2"),
        RuleSpec(5, Tier.BESTUURLIJK_BELANGRIJK, min_score=2),
        RuleSpec(6, Tier.BESTUURLIJK_BELANGRIJK, min_qualifiers=1),
        RuleSpec(7, Tier.AMBTELIJK_BELANGRIJK),
    ),
)
