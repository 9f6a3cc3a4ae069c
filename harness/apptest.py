"""Walking ``streamlit.testing.v1.AppTest``: the app's elements, the map's arguments, a click.

The streamlit-folium component is an ``UnknownElement`` whose proto is a
(version 1) ``ComponentInstance``; the article, the places list and the
clauses are (version 2) ``BidiComponent`` elements, told apart by their keys.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

import streamlit_map
from geo.io import PROJECT
from geo.reader import CLICKS_SEEN

if TYPE_CHECKING:  # only a type: the benchmark runs without pytest
    import pytest

APP = PROJECT / "app.py"
APP_TIMEOUT_S = 120


def run_app() -> AppTest:
    """A first run of app.py in a fresh session; fails on an uncaught exception."""
    app = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT_S)
    app.run()
    assert not app.exception, app.exception
    return app


def run_app_with(monkeypatch: pytest.MonkeyPatch, *args: object) -> AppTest:
    """``run_app`` with ``args`` on app.py's command line (after ``streamlit run app.py --``)."""
    monkeypatch.setattr(sys, "argv", ["app.py", *map(str, args)])
    return run_app()


def elements(node: Any) -> Iterator[Any]:
    """Every element under ``node``, depth first."""
    for child in getattr(node, "children", {}).values():
        yield child
        yield from elements(child)


def component(app: AppTest, kind: str) -> UnknownElement:
    """The one custom component whose proto is a ``kind``."""
    (found,) = [
        e for e in elements(app._tree) if isinstance(e, UnknownElement) and e.proto.DESCRIPTOR.name == kind
    ]
    return found


def page_component(app: AppTest, key: str) -> UnknownElement:
    """The version 2 component (page/*.js) with the widget key ``key``: article, places or clauses."""
    (found,) = [
        e
        for e in elements(app._tree)
        if isinstance(e, UnknownElement)
        and e.proto.DESCRIPTOR.name == "BidiComponent"
        and e.proto.id.endswith(f"-{key}")
    ]
    return found


def trigger(app: AppTest, key: str, event: str, value: Any) -> None:
    """What the page component keyed ``key`` sends on ``setTriggerValue(event, value)``, then the rerun.

    AppTest has no way to use a version 2 component, so this sends the
    widget state the browser sends: the component's trigger widget holding
    ``[{"event": ..., "value": ...}]``.
    """
    states = app._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(page_component(app, key).proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": event, "value": value}])
    app._run(states)
    assert not app.exception, app.exception


def map_component(app: AppTest) -> UnknownElement:
    return component(app, "ComponentInstance")


def map_json_args(app: AppTest) -> str:
    """The map component's arguments, as Streamlit sends them to the browser."""
    return map_component(app).proto.json_args


def map_args(app: AppTest) -> dict:
    return json.loads(map_json_args(app))


def set_map_value(app: AppTest, **value: Any) -> None:
    """What st_folium reports, before the rerun.

    The component's value goes to its widget state, and st_folium's
    on_change copies it under the app's key for the map (AppTest runs no callbacks).
    """
    widget_key = map_component(app).proto.id.rsplit("-", 1)[-1]
    app.session_state[widget_key] = app.session_state[streamlit_map.KEY] = value


def set_click(app: AppTest, place_id: str) -> None:
    """A click on a feature, before the rerun: st_folium counts clicks and sends the feature.

    The feature and its layer each count the click, hence two more than the app saw last.
    """
    clicks = app.session_state.get(CLICKS_SEEN, 0)
    feature = {"type": "Feature", "properties": {"id": place_id, "name": "ignored"}, "geometry": None}
    set_map_value(app, last_active_drawing=feature, last_object_clicked_count=clicks + 2)


def report_from_map(app: AppTest, **value: Any) -> None:
    """What st_folium reports, then the rerun."""
    set_map_value(app, **value)
    app.run()
    assert not app.exception, app.exception


def click(app: AppTest, place_id: str) -> None:
    """A click on a feature, then the rerun."""
    set_click(app, place_id)
    app.run()
    assert not app.exception, app.exception


def shown(markdown: str) -> str:
    """The text a reader sees for a Markdown string with escaped characters."""
    return re.sub(r"\\(.)", r"\1", markdown)


def article_data(app: AppTest) -> dict:
    """What the app hands to the article component (page/article.js)."""
    return json.loads(page_component(app, "article").proto.json)


def page_html(app: AppTest) -> str:
    """Every ``st.html`` body of the page, in order."""
    return "\n".join(element.proto.body for element in app.get("html"))


def list_html(app: AppTest) -> str:
    """What the app hands to the places list in the sidebar (page/places.js)."""
    return json.loads(page_component(app, "places").proto.json)["html"]


def listed_places(app: AppTest) -> list[str]:
    """The ids of the places the list shows before the reader types, in order."""
    return re.findall(r'<li data-names="[^"]*"><button type="button" data-places="([^"]+)"', list_html(app))


def choose_from_list(app: AppTest, place_id: str) -> None:
    """A click on the place's button in the places list, then the rerun."""
    trigger(app, "places", "places", [place_id])


def clause_choices(app: AppTest) -> list[tuple[str, ...]]:
    """The places each clause's button shows, in the clauses' order."""
    html = json.loads(page_component(app, "clauses").proto.json)["html"]
    return [tuple(ids.split(",")) for ids in re.findall(r'<button type="button" data-places="([^"]+)"', html)]


def choose_clause(app: AppTest, place_ids: tuple[str, ...]) -> None:
    """A click on the button of the clause that names ``place_ids``, then the rerun."""
    assert place_ids in clause_choices(app), place_ids
    trigger(app, "clauses", "places", list(place_ids))
