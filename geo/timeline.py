"""The reports on a time line: one row per dated report, and the Vega-Lite chart that draws them.

The chart is a plain Vega-Lite spec (Streamlit draws it with ``st.vega_lite_chart``):
building it with Altair on every run checked its data against Altair's schema each time.
"""

from __future__ import annotations

from typing import Any

from geo.story import Story


def timeline_rows(story: Story) -> list[dict[str, Any]]:
    """Each dated report, oldest first: its file, date, title and how many places it names.

    An undated report has no place on a time line; the report picker still lists it.
    """
    return [
        {
            "source": report.source,
            "date": report.date,
            "title": report.title,
            "places": len(story.named_in(report.source)),
        }
        for report in story.reports
        if report.date is not None
    ]


# the name of the chart's selection: a click on a point chooses that report
CHOSEN = "chosen"


def timeline_spec() -> dict[str, Any]:
    """Each dated report a point at its date, as high as the places it names; a click chooses it."""
    return {
        "height": 120,
        "mark": {"type": "circle", "size": 140, "color": "#b3261e", "cursor": "pointer"},
        "params": [{"name": CHOSEN, "select": {"type": "point", "fields": ["source"], "on": "click"}}],
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None},
            "y": {"field": "places", "type": "quantitative", "title": "places named"},
            "tooltip": [
                {"field": "date", "type": "nominal"},
                {"field": "title", "type": "nominal"},
                {"field": "places", "type": "quantitative"},
            ],
        },
    }
