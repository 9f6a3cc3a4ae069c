"""The reader's state: the selection, the map's framing and layers, the link, the report shown.

It lives in a session's mapping (``st.session_state`` in app.py) under the
keys below, and reads links as plain dicts of query parameters. It never
imports streamlit: that is why it sits in geo/, where that rule holds, and
why tests drive it with a dict rather than through AppTest. app.py hands it
the session and the URL, and draws what it says.

One rule ties it to the browser's history (see GUIDE, "The reader's paths"):
writing the URL adds a history entry, and Back reruns the app with the older
URL while the session keeps its newer state. So the state remembers the query
parameters it has accounted for (``LINK``), and a URL other than those on a
full run is a place the reader navigated to: it wins.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from typing import Any, TypeVar

from geo.permalink import permalink_params, read_permalink, read_report_link, report_params, switchable_layers
from geo.story import ReportView, Story

# the session's keys; REPORT and MAP_SCOPE are also the keys of the widgets that choose them
SELECTION = "selection"
# the request to frame the selection on the map, or None when the map stays put
FRAME_REQUEST = "frame request"
VISIBLE = "visible layers"
# the last click count st_folium reported that the selection followed
CLICKS_SEEN = "map clicks"
# whether the map drew the selection itself: it was chosen there, on the map the session still has
DRAWN_BY_MAP = "selection drawn by the map"
# the layers st_folium last reported switched on
LAYERS_REPORTED = "map layers"
# the session's map, with the view (report shown, every report's places or not) it draws
MAP = "folium map"
# the query parameters accounted for: the ones last written or followed, or
# the ones a choice was made under
LINK = "link"
# what the link got wrong, shown until the reader chooses something
LINK_PROBLEMS = "link problems"
# the file name of the report shown beside the map
REPORT = "report"
# whether the map shows the places of the chosen report or of all reports
MAP_SCOPE = "map scope"
THIS_REPORT, ALL_REPORTS = "This report's places", "All reports' places"
# the view (report shown, scope) the whole page was last drawn for
PAGE_VIEW = "page view"

# a fresh number for each request to frame the selection, unique in the server
_frame_requests = itertools.count(1)
MapT = TypeVar("MapT")


def new_frame_request() -> int:
    """A number no earlier request had, so that the map frames the selection again."""
    return next(_frame_requests)


class Reader:
    """One reader's state in ``session``, for ``story``, under the URL's query ``params``.

    Make one for each run or callback: ``params`` are the ones the URL had
    when it started.
    """

    def __init__(self, session: MutableMapping[str, Any], story: Story, params: Mapping[str, str]) -> None:
        self.session = session
        self.story = story
        self.params = dict(params)

    @property
    def selection(self) -> tuple[str, ...]:
        return self.session.get(SELECTION, ())

    @property
    def frame_request(self) -> int | None:
        return self.session.get(FRAME_REQUEST)

    @property
    def drawn_by_map(self) -> bool:
        """Whether the map shows the selection as it is, with nothing for Python to draw or close.

        So it is for a place chosen in the map (storymap.js drew its halo), and
        for a new map with nothing selected. Python then sends the map nothing
        new: no halo, no frame, and the page gets no new copy of the map's script.
        """
        return bool(self.session.get(DRAWN_BY_MAP))

    @property
    def visible_layers(self) -> tuple[str, ...]:
        return self.session.get(VISIBLE, tuple(switchable_layers(self.story)))

    @property
    def link_problems(self) -> tuple[str, ...]:
        return self.session.get(LINK_PROBLEMS, ())

    @property
    def report(self) -> str | None:
        """The file name of the report shown beside the map: the chosen one, else the newest."""
        chosen = self.session.get(REPORT)
        if self.story.has_report(chosen):
            return chosen
        return self.story.newest.source if self.story.newest else None

    def view(self) -> ReportView:
        """What the page shows: the report shown, and its places or every report's on the map."""
        return self.story.view(self.report, every_report=self.session.get(MAP_SCOPE) == ALL_REPORTS)

    def session_map(self, build: Callable[[ReportView, frozenset[str]], MapT]) -> MapT:
        """The session's map; ``build(view, hidden layers)`` makes one when it has none for the view.

        A session keeps one map across runs, so that the map's script stays
        the same and the browser keeps its view: it is built again only for
        another view (report or scope), or after a link asked for other layers.
        """
        view = self.view()
        kept = self.session.get(MAP)
        if kept is None or kept[0] != view.key:
            # the layers the reader (or a link) switched off start off
            hidden = frozenset(switchable_layers(self.story)) - set(self.visible_layers)
            kept = self.session[MAP] = (view.key, build(view, hidden))
            # a new map has drawn nothing yet: Python draws the selection on it.
            # With nothing selected it shows no card to close, so it gets what
            # a choice in the map gets, and the first click sends the page nothing new
            self.session[DRAWN_BY_MAP] = not self.selection
        return kept[1]

    def page_out_of_date(self) -> bool:
        """Whether the page outside the part that reran was drawn for another view."""
        return self.session.get(PAGE_VIEW) != self.view().key

    def page_drawn(self) -> None:
        """The whole page is being drawn for the view shown now."""
        self.session[PAGE_VIEW] = self.view().key

    def drop_undrawn(self) -> None:
        """Let go of selected places the view does not draw (another report was chosen)."""
        drawn = tuple(place_id for place_id in self.selection if place_id in self.view().places)
        if drawn != self.selection:
            self.session[SELECTION] = drawn

    def select(self, place_ids: Sequence[str], *, frame: bool = True) -> None:
        """Make the known ones of ``place_ids`` the selection; ``frame`` moves the map to show them."""
        drawn = self.view().places
        chosen = tuple(place_id for place_id in place_ids if place_id in drawn)
        if chosen:
            self._set_selection(chosen, frame=frame)
            self._chose_here()

    def clear(self) -> None:
        """Back to the overview: nothing selected, the map where the reader left it."""
        self._set_selection((), frame=False)
        self._chose_here()

    def follow_link(self) -> None:
        """Take the selection, the layers and the report from the URL, on a first run or after navigation.

        Choices on the page rerun only part of the app, which never follows
        the URL: their runs may come with one that is out of date.
        """
        if SELECTION in self.session and self.params == self.session[LINK]:
            return
        link = read_permalink(self.params, self.story)
        report, report_problems = read_report_link(self.params, self.story)
        if self.story.reports:
            self.session[REPORT] = report or self.story.newest.source
        visible = tuple(i for i in switchable_layers(self.story) if i not in link.hidden_layers)
        if visible != self.session.get(VISIBLE):
            # the map shows other layers than the link asks for: build it again with these
            self.session.pop(MAP, None)
        self.session[VISIBLE] = visible
        drawn = self.view().places
        chosen = tuple(place_id for place_id in link.places if place_id in drawn)
        self._set_selection(chosen, frame=bool(chosen))
        self.session[LINK_PROBLEMS] = (*link.problems, *report_problems)
        self.session[LINK] = self.params

    def keep_link(self) -> dict[str, str]:
        """The query parameters the URL must carry now, accounted for from here on."""
        wanted = permalink_params(self.selection, self.visible_layers, self.story)
        wanted |= report_params(self.session.get(REPORT), self.story)
        self.session[LINK] = wanted
        return wanted

    def follow_click(self, count: int, place_id: str | None) -> None:
        """A click on the map, the ``count``-th: a new one selects its place, where the map already is."""
        if count == self.session.get(CLICKS_SEEN):
            return
        self.session[CLICKS_SEEN] = count
        self.select([place_id] if place_id else [], frame=False)
        if place_id and self.selection == (place_id,):
            # the map drew its halo as it showed its card
            self.session[DRAWN_BY_MAP] = True

    def follow_layer_switches(self, switched_on: Collection[str] | None) -> None:
        """The layers the map reports switched on (None before it reported any) become the visible ones.

        Only a new report counts: the one kept from before a link was followed
        is stale. A layer the view does not draw keeps the reader's last choice
        for it, so it comes back as it was with a report that has it.
        """
        if switched_on is None or set(switched_on) == self.session.get(LAYERS_REPORTED):
            return
        self.session[LAYERS_REPORTED] = set(switched_on)
        on_map, before = set(switchable_layers(self.view())), set(self.visible_layers)
        self.session[VISIBLE] = tuple(
            i for i in switchable_layers(self.story) if (i in switched_on if i in on_map else i in before)
        )

    def follow_timeline(self, source: str | None) -> None:
        """A report chosen on the timeline is shown.

        The app draws a new chart for each report shown (its key names the
        report), so a choice it reports is always the reader's latest, also
        the same mark as before.
        """
        if source is not None and self.story.has_report(source):
            self.session[REPORT] = source

    def _set_selection(self, place_ids: tuple[str, ...], *, frame: bool) -> None:
        self.session[SELECTION] = place_ids
        self.session[FRAME_REQUEST] = new_frame_request() if frame else None
        self.session[DRAWN_BY_MAP] = False

    def _chose_here(self) -> None:
        """The reader chose on the page: the choice wins over the URL this run came with.

        A run that a choice starts may carry the URL from before the previous
        choice's was written (the page sent it too soon): that is no navigation.
        """
        self.session[LINK] = self.params
        self.session[LINK_PROBLEMS] = ()
