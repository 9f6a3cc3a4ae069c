"""The places list in the sidebar as HTML: every place by layer, a button each, and a search box.

page/places.js narrows the list in the browser as the reader types, with no
run of Python per key: each place carries its names folded
(``geo.search.search_keys``), and the script folds what is typed the same
way. The words the script writes (how many more, nothing found) come from
here, so the wording has one home.
"""

from __future__ import annotations

from geo.escape import html_text
from geo.search import search_keys
from geo.story import Place, ReportView

# a layer lists this many of its places until the reader narrows it
LIST_LIMIT = 25
SEARCH_LABEL = "Find a place by any of its names"
SEARCH_EXAMPLES = "Shushi, Şuşa, Füzuli…"
# page/places.js puts the count and the query where the braces are
MORE_TEMPLATE = "… and {count} more: type a name to find them"
NOTHING_TEMPLATE = "No place is called anything like “{query}”."


def place_label(place: Place) -> str:
    """The place's name, then its other names: "Shusha · Shushi, Şuşa"."""
    return place.name + (f" · {', '.join(place.aliases)}" if place.aliases else "")


def _place_item(place: Place, shown: bool) -> str:
    hidden = "" if shown else " hidden"
    return (
        f'<li data-names="{html_text(search_keys(place))}"{hidden}><button type="button" '
        f'data-places="{html_text(place.id)}">{html_text(place_label(place))}</button></li>'
    )


def _layer_html(title: str, places: list[Place], limit: int) -> str:
    items = "".join(_place_item(place, index < limit) for index, place in enumerate(places))
    more = html_text(MORE_TEMPLATE.format(count=len(places) - limit)) if len(places) > limit else ""
    return f'<section><h3>{html_text(title)}</h3><ul>{items}</ul><p class="more">{more}</p></section>'


def places_list_html(view: ReportView, limit: int = LIST_LIMIT) -> str:
    """The search box, then each layer's title and its places in the view's order, ``limit`` shown."""
    layers = []
    for layer in view.layers:
        places = [place for place in view.places.values() if place.layer == layer.id]
        if places:
            layers.append(_layer_html(view.layer_title(layer.id), places, limit))
    if not view.places:
        layers.append('<p class="empty">No layer with places could be read.</p>')
    return (
        f'<div class="places-list" data-limit="{limit}" data-more="{html_text(MORE_TEMPLATE)}" '
        f'data-nothing="{html_text(NOTHING_TEMPLATE)}">'
        f'<label>{SEARCH_LABEL}<input type="search" placeholder="{SEARCH_EXAMPLES}" autocomplete="off">'
        "</label>"
        f'{"".join(layers)}<p class="nothing" hidden></p></div>'
    )
