"""Charts drawn on the server as plain SVG data: bars per month, and relation lanes over time.

No chart library: a page gets a few hundred bytes of shapes instead of a script.
"""

from __future__ import annotations

from dataclasses import dataclass

from overhorizon.web.models import RelationOut

WIDTH = 600
HEIGHT = 180


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class Chart:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    peak: int
    width: int = WIDTH
    height: int = HEIGHT


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return found


def timeline_svg(months: list[dict[str, object]]) -> Chart | None:
    """Bars of events per month, every month between the first and last shown."""
    if not months:
        return None
    counts = {str(m["month"]): m for m in months}
    span = _months(str(months[0]["month"]), str(months[-1]["month"]))
    peak = max(int(str(m["events"])) for m in months)
    step = WIDTH / len(span)
    bars = []
    ticks = []
    for i, month in enumerate(span):
        found = counts.get(month)
        events = int(str(found["events"])) if found else 0
        killed = int(str(found["killed"])) if found else 0
        height = (HEIGHT - 24) * events / peak if peak else 0
        if events:
            bars.append(
                Bar(
                    i * step,
                    HEIGHT - 20 - height,
                    max(step - 1, 1),
                    height,
                    f"{month}: {events} events, {killed} killed",
                )
            )
        if month.endswith("-01") and (len(span) < 40 or int(month[:4]) % 2 == 0):
            ticks.append((i * step, month[:4]))
    return Chart(bars, ticks, peak)


@dataclass
class Lane:
    label: str
    other: str
    other_id: str
    x: float
    width: float
    open_end: bool


def _year(value: str | None) -> float | None:
    if not value or not value[:4].isdigit():
        return None
    month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else 1
    return int(value[:4]) + (month - 1) / 12


def relation_lanes(relations: list[RelationOut], width: int = 600) -> dict[str, object] | None:
    """Relations with a start or end date as bars on a shared time axis."""
    dated = [(r, _year(r.start), _year(r.end)) for r in relations if r.start or r.end]
    if not dated:
        return None
    years = [y for _r, s, e in dated for y in (s, e) if y is not None]
    low, high = int(min(years)), int(max(years)) + 1
    scale = width / max(high - low, 1)
    lanes = []
    for rel, start, end in dated:
        first = start if start is not None else low
        last = end if end is not None else high
        lanes.append(
            Lane(
                rel.label,
                rel.other,
                rel.other_id,
                (first - low) * scale,
                max((last - first) * scale, 3),
                end is None,
            )
        )
    ticks = [((y - low) * scale, str(y)) for y in range(low, high + 1, max(1, (high - low) // 8))]
    return {"lanes": lanes, "ticks": ticks, "width": width, "height": 22 * len(lanes) + 24}
