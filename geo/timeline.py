"""The reports on a time line: one row per dated report, and the Vega-Lite chart that draws them.

The chart is a plain Vega-Lite spec (Streamlit draws it with ``st.vega_lite_chart``):
building it with Altair on every run checked its data against Altair's schema each time.
"""

from __future__ import annotations

from typing import Any

from geo.reports import Report, written_date
from geo.story import Story

# the name of the chart's selection: a click on a point chooses that report
CHOSEN = "chosen"
# the shown report's mark, and the others'
CHOSEN_COLOR, OTHER_COLOR = "#b3261e", "#8a8580"


def timeline_rows(story: Story, shown: str | None) -> list[dict[str, Any]]:
    """Each dated report, oldest first: its file, date (ISO and written), title, places, and if shown.

    An undated report has no place on a time line: ``undated`` lists them.
    """
    return [
        {
            "source": report.source,
            "date": report.date,
            "written": written_date(report.date),
            "title": report.title,
            "places": len(story.named_in(report.source)),
            "shown": report.source == shown,
        }
        for report in story.reports
        if report.date is not None
    ]


def undated(story: Story) -> list[Report]:
    """The reports with no date line, which the time line cannot place."""
    return [report for report in story.reports if report.date is None]


def timeline_spec() -> dict[str, Any]:
    """Each dated report a point at its date, as high as the places it names; a click chooses it.

    Dates are read and labelled in UTC, one tick a year: a date in local time
    can fall on the day (or year) before. The shown report is larger and red.
    """
    return {
        "height": 120,
        "mark": {"type": "circle", "cursor": "pointer", "opacity": 0.9},
        "params": [{"name": CHOSEN, "select": {"type": "point", "fields": ["source"], "on": "click"}}],
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "scale": {"type": "utc"},
                "title": None,
                "axis": {"format": "%Y", "tickCount": "year", "labelAngle": 0},
            },
            "y": {"field": "places", "type": "quantitative", "title": "places named"},
            "color": {"condition": {"test": "datum.shown", "value": CHOSEN_COLOR}, "value": OTHER_COLOR},
            "size": {"condition": {"test": "datum.shown", "value": 320}, "value": 120},
            "tooltip": [
                {"field": "written", "type": "nominal", "title": "date"},
                {"field": "title", "type": "nominal", "title": "headline"},
                {"field": "places", "type": "quantitative", "title": "places named"},
            ],
        },
    }
