"""A horizontal bar chart as plain geometry, for a server-rendered SVG.

Pure: labels and amounts in, positions and texts out. Every bar carries its amount as
text, so the chart reads without colour; the page shows the same data as a table too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from samenwerkingswijzer.formatting import euro_whole

# Narrow, so that on a phone (about 360 px) the chart is hardly scaled down and its 14 px
# text stays readable; a wide screen shows it at this size (theme.css, .bar-chart).
WIDTH = 420
ROW_HEIGHT = 34
BAR_HEIGHT = 22
LABEL_WIDTH = 52  # room for the year left of the bars
AMOUNT_WIDTH = 118  # room for the amount right of the longest bar
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    amount: Decimal
    amount_text: str
    y: int
    width: int
    text_y: int
    amount_x: int


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_height: int

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.amount_text}" for bar in self.bars)


def bar_chart(rows: list[tuple[str, Decimal]]) -> BarChart:
    """One bar per row, longest for the largest amount; zero and negative draw no bar."""
    largest = max((amount for _, amount in rows), default=Decimal(0))
    room = WIDTH - LABEL_WIDTH - AMOUNT_WIDTH
    bars = []
    for index, (label, amount) in enumerate(rows):
        # A positive amount always shows at least a sliver, so no bar looks like zero.
        length = max(1, int(room * amount / largest)) if largest > 0 and amount > 0 else 0
        y = TOP + index * ROW_HEIGHT
        bars.append(
            Bar(
                label=label,
                amount=amount,
                amount_text=euro_whole(amount),
                y=y,
                width=length,
                text_y=y + BAR_HEIGHT // 2 + 5,
                amount_x=LABEL_WIDTH + length + 8,
            )
        )
    return BarChart(
        bars=tuple(bars),
        width=WIDTH,
        height=TOP * 2 + max(len(rows), 1) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )
