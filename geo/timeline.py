"""The reports on a time line: one row per dated report, for a chart to draw."""

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
