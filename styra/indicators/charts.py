"""Server-side SVG line charts of indicator outcomes, with the target as a line.

matplotlib's object API (no pyplot, so no global figure state between
requests) on the Agg canvas. Text stays text in the SVG (svg.fonttype none)
and the ids are stable (a fixed svg.hashsalt, no date), so the same data gives
the same bytes. Lines differ by marker and dash as well as colour; the page
shows the same figures in a table next to the chart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from matplotlib.typing import RcKeyType  # noqa: E402

from styra.lib.numbers import format_number  # noqa: E402

RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "styra",
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 10,
}
# Okabe–Ito: told apart by people with the common colour-vision deficiencies.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
DASHES = ["-", "--", "-.", ":"]
MAX_SERIES = 12
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


@dataclass
class Series:
    label: str
    values: Sequence[Decimal | float | None]  # one per period, None where no outcome


def outcome_chart(
    *,
    periods: Sequence[str],
    series: Sequence[Series],
    target: Sequence[Decimal | float | None] | None = None,
    target_label: str = "Årsmål",
    unit: str = "",
) -> str:
    """The chart as an inline <svg> element (no XML prologue), at most MAX_SERIES lines."""
    with rc_context(RC):
        fig = Figure(figsize=(8, 3.6), dpi=100)
        ax = fig.add_subplot()
        xs = list(range(len(periods)))
        for i, line in enumerate(series[:MAX_SERIES]):
            points = [(x, float(v)) for x, v in zip(xs, line.values, strict=True) if v is not None]
            if not points:
                continue
            ax.plot(
                [x for x, _ in points],
                [y for _, y in points],
                label=line.label,
                color=COLOURS[i % len(COLOURS)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=DASHES[(i // len(COLOURS)) % len(DASHES)],
                linewidth=1.8,
            )
        if target and any(v is not None for v in target):
            ys = [float(v) if v is not None else float("nan") for v in target]
            ax.step(
                xs,
                ys,
                where="mid",
                color="#444444",
                linestyle="--",
                linewidth=1.5,
                label=target_label,
            )
        ax.set_xticks(xs, list(periods))
        if len(periods) > 8:
            ax.tick_params(axis="x", labelrotation=45)
        # Ticks as Styra writes numbers everywhere (1 234,5), not matplotlib's 1234.5.
        ax.yaxis.set_major_formatter(FuncFormatter(_tick))
        if unit:
            ax.set_ylabel(unit)
        ax.grid(axis="y", color="#dddddd")
        ax.spines[["top", "right"]].set_visible(False)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _PROLOGUE.sub("", buffer.getvalue(), count=1)


def _tick(value: float, _position) -> str:
    # Rounded first: tick locations are floats such as 0.30000000000000004.
    return format_number(Decimal(repr(round(float(value), 6))))
