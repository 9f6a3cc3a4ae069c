"""The story's region and the facts its layers are built from, as plain values.

``python -m geo build-layers`` (geo.sources) builds with these; the layer
registry (geo.layers) writes them into each layer's provenance record and
geo.labels places names within the region. Both sides import them from here,
so the running app never loads the build code and the records cannot drift
from what the build does.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point, Polygon, box


@dataclass(frozen=True)
class Country:
    """One of the six countries of the story, by each code a source keys it with."""

    # ISO 3166-1 numeric: world-atlas' TopoJSON ids
    numeric: str
    # ISO 3166-1 alpha-2: GeoNames' country codes
    iso2: str
    # ISO 3166-1 alpha-3: the countries layer's ``iso_a3``
    iso3: str
    name: str
    aliases: tuple[str, ...]
    # what its panel says of its outline, where Natural Earth draws a de facto line readers may not expect
    de_facto_note: str = ""


# the 3+3 countries, by ISO numeric code; in the order the gazetteer's record lists them
COUNTRIES = {
    country.numeric: country
    for country in (
        Country("031", "AZ", "AZE", "Azerbaijan", ("Azərbaycan",)),
        Country("051", "AM", "ARM", "Armenia", ("Hayastan", "Հայաստան")),
        Country("268", "GE", "GEO", "Georgia", ("Sakartvelo", "საქართველო")),
        Country("364", "IR", "IRN", "Iran", ("Islamic Republic of Iran", "ایران")),
        Country("792", "TR", "TUR", "Turkey", ("Türkiye",)),
        Country(
            "643",
            "RU",
            "RUS",
            "Russia",
            ("Russian Federation", "Россия"),
            "Natural Earth draws Crimea with Russia (its de facto line).",
        ),
    )
}
# the same six by GeoNames' country code, in the same order
COUNTRY_CODES = tuple(country.iso2 for country in COUNTRIES.values())
# the countries layer keys a country by alpha-3, GeoNames by alpha-2
COUNTRY_BY_ISO3 = {country.iso3: country.iso2 for country in COUNTRIES.values()}


@dataclass(frozen=True)
class Detail:
    """How much detail borders keep, inside and outside the focus (geo.sources.simplify)."""

    focus: Polygon
    fine_km: float
    coarse_km: float
    fine_decimals: int
    coarse_decimals: int
    # long stretches are cut so that one local projection serves each piece
    stretch: int = 1000


def extent(area: Polygon) -> str:
    """A box as the provenance records write it: "43-50.5 E, 37.5-43 N", "180 W-180 E, 60 S-84 N"."""
    west, south, east, north = area.bounds
    return f"{_span(west, east, 'E', 'W')}, {_span(south, north, 'N', 'S')}"


def _span(low: float, high: float, positive: str, negative: str) -> str:
    """Two degrees of one axis: "43-50.5 E" when both lie on one side of zero, else "12 W-70 E"."""

    def side(value: float) -> str:
        return positive if value >= 0 else negative

    if side(low) == side(high):
        return f"{abs(low):g}-{abs(high):g} {side(low)}"
    return f"{abs(low):g} {side(low)}-{abs(high):g} {side(high)}"


def position(point: Point) -> str:
    """A point as the provenance records write it: "41.9 N 50.6 E"."""
    return f"{point.y:g} N {point.x:g} E"


# Where the story happens: borders keep their detail here, and lose it elsewhere
STORY_REGION = box(43, 37.5, 50.5, 43)
# The fine zone reaches this many degrees past the region, so the change of detail happens outside it
FOCUS_MARGIN = 0.5
# Borders stay within 0.5 km of Natural Earth in the story region and 5 km
# elsewhere: the Douglas-Peucker tolerance plus the rounding of positions.
DETAIL = Detail(
    focus=STORY_REGION.buffer(FOCUS_MARGIN, join_style="mitre"),
    fine_km=0.42,
    coarse_km=4.2,
    fine_decimals=3,
    coarse_decimals=2,
)
COORDINATE_DECIMALS = 5

# Land is drawn wherever the map lets the reader go (geo.maps.MAP_BOUNDS): a report may name any
# city of the gazetteer (Washington, London, Sydney); the inhabited world, no Antarctica
LAND_REACH = box(-180, -60, 180, 84)
# Around the story (and all the first view shows) land keeps the 1:10m coasts,
# drawn with the countries' own arcs so that their coasts and the land's match
NEAR_LAND = box(36.7, 34, 56, 46.5)
# Coasts there that no 3+3 country shares (Kazakhstan's, Cyprus') are coarser
LAND_ONLY_DETAIL = Detail(
    focus=DETAIL.focus,
    fine_km=DETAIL.fine_km,
    coarse_km=10,
    fine_decimals=DETAIL.fine_decimals,
    coarse_decimals=2,
)


@dataclass(frozen=True)
class LandBand:
    """Part of the world and how coarsely its 1:110m land is drawn there (Douglas-Peucker, degrees)."""

    area: Polygon
    tolerance: float
    decimals: int


# Farther away, Natural Earth 1:110m land, drawn only so that a place far away is not framed in an
# empty sea: from Europe to Central Asia, around the story and where its reports are written
# (Brussels, London), to a tenth of a degree; farther away, in whole degrees
NEAR_STORY = box(-12, 20, 70, 70)
COARSE_LAND_BANDS = (
    LandBand(NEAR_STORY, tolerance=0.3, decimals=1),
    LandBand(LAND_REACH.difference(NEAR_STORY), tolerance=1.5, decimals=0),
)


def coarse_land_method() -> str:
    """How the far land is made, for the land layer's provenance record."""
    near, far = COARSE_LAND_BANDS
    return (
        f"the 1:110m land, simplified (Douglas-Peucker) by {near.tolerance} degrees and rounded to "
        f"{near.decimals} decimal within {extent(near.area)}, by {far.tolerance} degrees and rounded to "
        f"whole degrees farther away"
    )


# GeoNames id -> (slug, name, other names, note)
TOWNS = {
    147105: (
        "shusha",
        "Shusha",
        ("Shushi", "Şuşa"),
        "Town in Karabakh where the declaration was signed. Azerbaijani: Şuşa; Armenian: Shushi.",
    ),
    148106: (
        "fizuli",
        "Fizuli",
        ("Füzuli", "Fuzuli"),
        "Town at the centre of the Fizuli district (the article's 'Fizuli region').",
    ),
    743952: (
        "kars",
        "Kars",
        ("Qars", "Կարս"),
        "City in north-eastern Turkey that gave its name to the Treaty of Kars (1921).",
    ),
}

# GeoNames ids of the corridor's ends and the waypoints of its extension, west of Nakhchivan in order
HORADIZ, NAKHCHIVAN, SHARUR = 148003, 147429, 146858
SEDARAK = 147282
EXTENSION_TOWNS = {
    "Aralik": 323735,
    "Igdir": 311665,
    "Tuzluca": 738541,
    "Digor": 748148,
    "Kars": 743952,
}
# The Araz between Julfa and Horadiz, where the corridor follows its north bank
ARAZ_VALLEY = box(45.62, 38.8, 47.34, 39.5)
NORTH_BANK_OFFSET_M = 1500
# the bank is simplified to this many metres (Douglas-Peucker)
NORTH_BANK_SIMPLIFY_M = 100

# Towns of Karabakh whose hull outlines the region (approximate), by GeoNames id
KARABAKH_TOWNS = {
    586268: "Kalbajar",
    584871: "Tartar",
    148619: "Aghdam",
    148106: "Fuzuli",
    148141: "Jabrayil",
    146901: "Zangilan",
    147305: "Qubadli",
    147625: "Lachin",
}
KARABAKH_BUFFER_M = 8000
# The North Caucasus part of Russia, as a box between the Black and Caspian seas
NORTH_CAUCASUS = box(36.5, 41.1, 49.0, 45.0)

# The places a reader of the story needs for orientation: GeoNames id -> (slug, name, other names, kind, note)
REFERENCE_TOWNS = {
    587084: ("baku", "Baku", ("Bakı",), "capital", "Capital of Azerbaijan."),
    616052: ("yerevan", "Yerevan", ("Erevan", "Երևան"), "capital", "Capital of Armenia."),
    611717: ("tbilisi", "Tbilisi", ("Tiflis", "თბილისი"), "capital", "Capital of Georgia."),
    112931: ("tehran", "Tehran", ("Teheran", "تهران"), "capital", "Capital of Iran."),
    323786: ("ankara", "Ankara", (), "capital", "Capital of Turkey."),
    147429: (
        "nakhchivan-city",
        "Nakhchivan city",
        ("Nakhichevan city",),
        "capital",
        "Capital of the Nakhchivan exclave of Azerbaijan, the corridor's western end.",
    ),
    174823: ("meghri", "Meghri", ("Մեղրի",), "town", "Town in Armenia's Syunik province, on the Araz."),
    148003: ("horadiz", "Horadiz", (), "town", "Town in Azerbaijan on the Araz, the corridor's eastern end."),
}
# Label points in open water: Natural Earth's land as world-atlas ships it has no seas to name,
# so each is a point chosen by hand in open water (outside Natural Earth's land when chosen; the
# build checks it lies outside the six countries)
SEAS = {
    "caspian-sea": ("Caspian Sea", Point(50.6, 41.9)),
    "black-sea": ("Black Sea", Point(37.4, 42.9)),
}
# Where the Araz is the border with Iran: from the Turkish tripoint to where the border leaves the river
ARAZ_BORDER = box(44.7, 38.8, 48.0, 39.8)

# Syunik (Zangezur) and the Lachin corridor, the regions the reports name beyond the article
SYUNIK_BUFFER_M = 10_000
# Syunik's towns, by GeoNames id: its outline is their hull, buffered, within Armenia
SYUNIK_TOWNS = {
    174763: "Sisian",
    174895: "Goris",
    174743: "Tegh",
    174875: "Kapan",
    174880: "Kajaran",
    174823: "Meghri",
    175008: "Agarak",
}
# the Lachin corridor's road: from Kornidzor on Armenia's border, through Lachin, to Khankendi
LACHIN_ROAD = {174840: "Kornidzor", 147625: "Lachin", 146970: "Khankendi"}
# the name the US-brokered deal of August 2025 gave the route through Syunik ("TRIPP" is left out:
# the corridor's names match in any case, and Tripp is a surname)
ROUTE_2025_NAME = "Trump Route for International Peace and Prosperity"
