"""Finding places in a report: each rule of geo.mentions, a true find and a trap."""

from __future__ import annotations

import pytest

from geo import io
from geo.article import parse_article, segment
from geo.mentions import LayerPlace, build_matcher, find_mentions
from geo.story import _matcher, _matcher_key


@pytest.fixture(scope="module")
def matcher(story):
    return _matcher(_matcher_key(dict(story.places)), io.load_gazetteer())


def found(matcher, text: str) -> list[tuple[str, str]]:
    """(the words, the place id) of every mention in a report of ``text``."""
    article = parse_article(text, source="test.txt")
    segments = [(seg.start, seg.end) for seg in segment(article)]
    return [(text[m.start : m.end], m.place_id) for m in find_mentions(matcher, text, segments)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a common word at a sentence start, in a report that also writes it in lowercase
        ("Of course, the talks went on. The leaders of both countries met.", []),
        # the Black Sea is a place of the reference layer, found like any place
        ("The road runs to the port of Of on the Black Sea.", [("Of", "of"), ("Black Sea", "black-sea")]),
        # case as written
        ("A van was stopped on the road.", []),
        ("Protests were held in Van on Monday.", [("Van", "van")]),
        # a first name before a surname is a person
        ("Foreign Minister Ararat Mirzoyan spoke.", []),
        ("The convoy reached Ararat before dawn.", [("Ararat", "ararat")]),
        ("Vladimir Putin met Ilham Aliyev and Recep Tayyip Erdogan in Sochi.", [("Sochi", "sochi")]),
        ("Factories in Vladimir make tractors.", [("Vladimir", "vladimir")]),
        ("Batman Begins played in the cinema.", []),
        ("Oil from Batman flows to the coast.", [("Batman", "batman")]),
        # demonyms are not places; the country's name is
        ("Armenian, Azerbaijani, Turkish, Iranian and Russian officials met.", []),
        ("Officials of Armenia met.", [("Armenia", "armenia")]),
        # names inside longer names
        (
            "The Baku–Tbilisi–Kars railway opened.",
            [("Baku", "baku"), ("Tbilisi", "tbilisi"), ("Kars", "kars")],
        ),
        ("The Zangezur corridor is proposed.", [("Zangezur corridor", "zangezur-corridor")]),
        # an alternate name finds its town; a layer's name beats the gazetteer's ("Kars" of Kadirli)
        ("Officials in Stepanakert said so.", [("Stepanakert", "khankendi")]),
        ("The Kars treaty.", [("Kars", "kars")]),
        # a town whose own name it is beats one that has it as an alternate
        ("Goris is on the road; Gori is not.", [("Goris", "goris"), ("Gori", "gori")]),
        ("Talks in Moscow ended.", [("Moscow", "moscow")]),
        ("The text was initialled in Washington.", [("Washington", "washington")]),
    ],
)
def test_each_rule_both_ways(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an alternate name that is ordinary English counts only where a place stands
        ("The White House said the talks would go on.", []),
        ("Trucks reached Casablanca on Monday.", [("Casablanca", "casablanca")]),
        ("A spokesman told the Star newspaper the road would open.", []),
        ("Doctors at the Republican Medical Center treated six people.", []),
        ("Talks in St Petersburg ended on Friday.", [("St Petersburg", "saint-petersburg")]),
        ("Officials met in Kiev.", [("Kiev", "kyiv")]),
        # a byline and an abbreviation before an apostrophe
        ("By Karen Jones, Int'l desk", []),
        ("Miners left Inta in the north.", [("Inta", "inta")]),
        # a number in a name is a date, not the village 28 May
        ("The decree of 28 May 2021 was read out.", []),
        # a river, a treaty, a mugham mode: another sense
        ("Trucks crossed the Hakari river bridge.", []),
        ("Trucks crossed the bridge into Hakkari.", [("Hakkari", "hakkari")]),
        ("The treaties of Gulistan and Turkmanchai ended the wars.", []),
        ("Refugees reached Turkmanchai by night.", [("Turkmanchai", "torkaman")]),
        ("Singers performed Bayati Shiraz at the festival.", []),
        ("The convoy reached Shiraz.", [("Shiraz", "shiraz-ir-115019")]),
        ("The village of Hin Shen lies in the hills.", []),
        ("Armenian Meghri was quiet.", [("Meghri", "meghri")]),
        # a dateline in capitals at the start of a paragraph; capitals elsewhere are not names
        ("ANKARA, March 30 (Reuters) - Turkey said so.", [("ANKARA", "ankara"), ("Turkey", "turkey")]),
        ("YEREVAN — Armenia said so.", [("YEREVAN", "yerevan"), ("Armenia", "armenia")]),
        ("TABRIZ, March 30 (IRNA) - Iran said so.", [("TABRIZ", "tabriz"), ("Iran", "iran")]),
        ("He said it IN TABRIZ, March 30.", []),
        # the layers' names in any case, with plain hyphens, without diacritics
        (
            "Turkiye and the Zangezur Corridor were discussed.",
            [("Turkiye", "turkey"), ("Zangezur Corridor", "zangezur-corridor")],
        ),
        ("Turkey served turkey at the dinner.", [("Turkey", "turkey")]),
        ("Trucks waited at the Araz river.", [("Araz", "araz")]),
        # a region's name is not a town: Zangezur (an alternate of Kapan) is the region Syunik
        ("Zangezur is the historic name of the region.", [("Zangezur", "syunik")]),
        ("The Zangezur corridor is proposed.", [("Zangezur corridor", "zangezur-corridor")]),
        ("The road through Syunik province is open.", [("Syunik province", "syunik")]),
        # the route's 2025 name is the corridor's; Tripp is a surname
        (
            "They signed the Trump Route for International Peace and Prosperity.",
            [("Trump Route for International Peace and Prosperity", "zangezur-corridor")],
        ),
        ("Linda Tripp testified.", []),
        ("Convoys used the Lachin Corridor.", [("Lachin Corridor", "lachin-corridor")]),
        ("Convoys reached Lachin in Azerbaijan.", [("Lachin", "lacin-az"), ("Azerbaijan", "azerbaijan")]),
        # a province of Iran is not the country; "east of" the country is the country
        ("The governor of East Azerbaijan spoke.", []),
        ("Rail links east of Azerbaijan were cut.", [("Azerbaijan", "azerbaijan")]),
        ("The governor of Kapan spoke.", [("Kapan", "kapan")]),
        # English copy's spellings of a region town: no diacritics, "gh" for "ğ"
        ("A road runs from Ighdir to the border.", [("Ighdir", "igdir-tr-311665")]),
    ],
)
def test_each_rule_for_real_news_both_ways(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_chain_of_stations_names_the_railway_and_its_stations(matcher):
    chain = "Kars-Igdir-Aralik-Dilucu-Sadarak-Nakhchivan-Julfa railway"
    mentions = found(matcher, f"The {chain} will open.")
    assert mentions[0] == (chain, "kars-nakhchivan-railway")
    assert ("Aralik", "aralik-tr-323735") in mentions
    # a station written by another of its names is the station ("Sadarak" of Sedarak)
    assert ("Sadarak", "sedarak") in mentions
    assert found(matcher, "The Kars-Igdir-Nakhchivan railway will open.")[0] == (
        "Kars-Igdir-Nakhchivan railway",
        "kars-nakhchivan-railway",
    )
    # another line through Kars is not the Kars-Nakhchivan one
    assert "kars-nakhchivan-railway" not in {
        p for _w, p in found(matcher, "The Baku-Tbilisi-Kars railway runs.")
    }


def test_places_far_away_in_the_report_do_not_choose_between_two_aralik(matcher):
    # by mean distance to London and Istanbul, the Aralik near Mardin was the nearer one
    mentions = found(matcher, "Flights from London and Istanbul reached Aralik.")
    assert ("Aralik", "aralik-tr-323735") in mentions, "the Aralik in Igdir, by the story's region"


def test_a_country_the_report_names_chooses_the_julfa(matcher):
    assert found(matcher, "Iran said trains will run to Julfa.")[1] == ("Julfa", "julfa-ir")
    assert found(matcher, "Azerbaijan said trains will run to Julfa.")[1] == ("Julfa", "julfa-az")


def test_the_other_places_of_the_report_choose_between_the_two_julfas(matcher):
    north = found(matcher, "Trains run from Julfa to Ordubad and on to Nakhchivan.")
    south = found(matcher, "Trains run from Julfa to Marand and on to Tabriz.")
    assert north[0] == ("Julfa", "julfa-az")
    assert south[0] == ("Julfa", "julfa-ir")


def test_with_no_other_place_the_larger_town_is_chosen(matcher):
    assert found(matcher, "They met in Julfa.") == [("Julfa", "julfa-az")]


def test_the_seed_names_no_town_outside_the_layers(story):
    assert {place.layer for place in story.places.values() if place.quotes} <= {
        "countries",
        "regions",
        "corridor",
        "towns",
    }
    assert sum(len(place.quotes) for place in story.places.values()) == 36
    # the seed's 13 places; the regions the later reports name (Syunik, the Lachin corridor) take no
    # quote of it: "Zangezur corridor" is the corridor, not the region Zangezur
    quoted = {place.id for place in story.places.values() if place.quotes}
    assert quoted == {"armenia", "azerbaijan", "caucasus", "fizuli", "georgia", "iran", "karabakh"} | {
        "kars",
        "russia",
        "shusha",
        "turkey",
        "zangezur-corridor",
    }
    later = {"syunik", "lachin-corridor"}
    assert len([p for p in story.places.values() if p.layer != "reference" and p.id not in later]) == 13
    assert not story.places["syunik"].quotes
    assert not story.places["lachin-corridor"].quotes


def test_a_town_a_layer_holds_is_not_looked_up_again():
    shusha = LayerPlace("shusha", ("Shusha",), 39.76, 46.75, geonameid=147105)
    towns = io.load_gazetteer().towns
    matcher = build_matcher([shusha], towns)
    assert "shusha" not in matcher.towns
    assert any(town.geonameid == 147105 for town in towns)


def test_a_layer_name_is_found_every_time_as_the_layer_gives_it():
    places = [LayerPlace("caucasus", ("Caucasus", "Caucasus region"), 42.0, 44.0)]
    matcher = build_matcher(places, ())
    text = "The Caucasus region and the Caucasus."
    assert found(matcher, text) == [("Caucasus region", "caucasus"), ("Caucasus", "caucasus")]


def test_a_town_of_a_layer_place_s_name_nearby_is_that_place():
    near = LayerPlace("shusha", ("Shusha",), 39.76, 46.75)
    far = LayerPlace("shusha", ("Shusha",), 55.0, 37.0)
    towns = io.load_gazetteer().towns
    assert "shusha-az" not in build_matcher([near], towns).towns
    assert "shusha-az" in build_matcher([far], towns).towns, "the same name far away is another place"
