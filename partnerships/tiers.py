"""The four importance tiers (docs/rulebook.md). Pure: usable without Django's database layer."""

from enum import StrEnum


class Tier(StrEnum):
    POLITIEK_ZEER_BELANGRIJK = "politiek_zeer_belangrijk"
    POLITIEK_BELANGRIJK = "politiek_belangrijk"
    BESTUURLIJK_BELANGRIJK = "bestuurlijk_belangrijk"
    AMBTELIJK_BELANGRIJK = "ambtelijk_belangrijk"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """1 is the most important tier."""
        return list(Tier).index(self) + 1


_LABELS = {
    Tier.POLITIEK_ZEER_BELANGRIJK: "Politiek zeer belangrijk",
    Tier.POLITIEK_BELANGRIJK: "Politiek belangrijk",
    Tier.BESTUURLIJK_BELANGRIJK: "Bestuurlijk belangrijk",
    Tier.AMBTELIJK_BELANGRIJK: "Ambtelijk belangrijk",
}

TIER_CHOICES: list[tuple[str, str]] = [(tier.value, tier.label) for tier in Tier]
