"""The app on a folder of reports: the picker, the grouped panel, ?report= and the map's scope."""

from __future__ import annotations

import pyarrow as pa
import pytest

from harness.apptest import APP, article_data, click, elements, map_args, page_html, run_app_with, shown
from tests.inputs import reports_folder

LACHIN, WASHINGTON = "2022-08-26_lachin.txt", "2025-08-08_washington.txt"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return reports_folder(tmp_path_factory.mktemp("app-reports") / "seeds")


@pytest.fixture
def app(seeds, monkeypatch):
    return run_app_with(monkeypatch, "--seeds", seeds)


def picker(app):
    return app.selectbox(key="report")


def test_the_picker_lists_every_report_by_date_and_title_newest_first(app):
    # issue 15: the newest report opens first (was: the oldest), and a long title is cut at a word
    assert picker(app).options == [
        "2025-08-08 · Armenia and Azerbaijan initialled a peace text in Washington.",
        "2023-09-25 · Recep Tayyip Erdogan and Ilham Aliyev opened work on the Igdir–Nakhchivan gas pipeline "
        "in Nakhchivan.",
        "2022-08-26 · Azerbaijan took back the town of Lachin as the road through the Lachin corridor moved.",
        "2021-06-15 · A declaration of alliance between Azerbaijan and Turkey has been signed in the city of "
        "Shusha (Armenian…",
        "undated · The 3+3 format met in Tehran, with Russia, Iran, Turkey and the three countries of the "
        "Caucasus.",
    ]
    assert picker(app).value == WASHINGTON
    assert "initialled a peace text in" in article_data(app)["html"]
    assert shown(app.caption[0].value) == (
        "8 August 2025 · Armenia and Azerbaijan initialled a peace text in Washington."
    )


def test_choosing_a_report_shows_it_with_its_mentions_linked_and_maps_only_its_places(app):
    picker(app).set_value(LACHIN).run()
    assert not app.exception, app.exception
    html = article_data(app)["html"]
    assert "took back the town of" in html
    assert "initialled a peace text in" not in html
    assert 'data-place="khankendi"' in html
    assert app.query_params["report"] == "2022-08-26_lachin"
    assert shown(app.caption[0].value).startswith("26 August 2022 · Azerbaijan took back")
    script = map_args(app)["script"]
    assert '"id":"moscow"' in script
    assert '"id":"washington"' not in script, "another report's found places stay off the map"
    # issue 15 (was: the layers' own places always stay): a corridor the report never names is not drawn
    assert '"id":"zangezur-corridor"' not in script
    assert '"id":"fizuli"' not in script


def test_the_map_can_show_the_places_of_every_report(app):
    app.radio(key="map scope").set_value("All reports' places").run()
    script = map_args(app)["script"]
    assert '"id":"washington"' in script
    assert '"id":"moscow"' in script


def test_a_link_opens_its_report(seeds, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr("sys.argv", ["app.py", "--seeds", str(seeds)])
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["report"] = "2022-08-26_lachin"
    app.run()
    assert not app.exception, app.exception
    assert picker(app).value == LACHIN
    assert "took back the town of" in article_data(app)["html"]


def test_a_link_to_a_missing_report_says_so_in_a_sentence_and_opens_the_newest(seeds, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr("sys.argv", ["app.py", "--seeds", str(seeds)])
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["report"] = "1999-01-01_nowhere"
    app.run()
    assert "1999-01-01_nowhere" in shown(app.warning[0].value)
    assert shown(app.warning[0].value).endswith(".")
    assert picker(app).value == WASHINGTON


def test_the_panel_groups_a_place_s_quotes_by_report_oldest_first(app):
    app.radio(key="map scope").set_value("All reports' places").run()
    click(app, "shusha")
    panel = page_html(app)
    headings = [
        "2021-06-15 · A declaration of alliance",
        "2022-08-26 · Azerbaijan took back",
        "2025-08-08 · Armenia and Azerbaijan initialled",
    ]
    positions = [panel.index(f'<h5 class="report">{heading}') for heading in headings]
    assert positions == sorted(positions)
    assert "What the reports say (8 sentences in 3 reports)" in panel
    assert "<summary>3 more from this report</summary>" in panel, "the seed's 6 quotes: 3 shown, 3 folded"
    assert panel.count('<blockquote class="quote"') == 8


def test_this_report_s_panel_holds_only_its_quotes(app):
    click(app, "shusha")
    panel = page_html(app)
    assert panel.count('<h5 class="report">') == 1
    assert '<h5 class="report">2025-08-08 · Armenia and Azerbaijan initialled' in panel


def test_a_selection_the_next_report_does_not_name_is_let_go(app):
    click(app, "washington")
    assert 'data-place="washington"' in page_html(app)
    picker(app).set_value(LACHIN).run()
    assert not app.exception, app.exception
    assert app.session_state["selection"] == ()
    assert "place" not in app.query_params


def test_a_found_place_s_panel_says_where_it_comes_from(app):
    picker(app).set_value(LACHIN).run()
    click(app, "khankendi")
    panel = page_html(app)
    assert "<h3>Stepanakert" in panel
    assert "Also: Khankendi" in panel
    # found by name, not chosen by hand: the panel says which name matched and how far it lies
    assert (
        "Found by name in the GeoNames gazetteer: matched “Stepanakert”, 6 km from Shusha. "
        "GeoNames feature 146970: Khankendi, country AZ" in panel
    )
    assert "Layer: Other places, found by name (GeoNames)" in panel


def test_the_timeline_draws_the_dated_reports_and_opens_the_one_chosen(app):
    (chart,) = [e for e in elements(app._tree) if getattr(e, "type", "") == "vega_lite_chart"]
    # the chart's data frame travels as Arrow beside the spec
    rows = pa.ipc.open_stream(chart.proto.data.data).read_pandas()
    assert list(rows["date"]) == ["2021-06-15", "2022-08-26", "2023-09-25", "2025-08-08"]
    assert "undated_3plus3.txt" not in list(rows["source"]), "an undated report has no place on a time line"
    # the Lachin corridor and Syunik are places of the regions layer since issue 16
    assert list(rows["places"]) == [12, 6, 8, 9]
    assert list(rows["shown"]) == [False, False, False, True], "the newest report, shown, is marked"
    assert rows["written"].iloc[0] == "15 June 2021"
    # what Streamlit hands back when the reader clicks a point of the chart (one chart per report shown)
    app.session_state[f"timeline {WASHINGTON}"] = {"selection": {"chosen": [{"source": LACHIN}]}}
    app.run()
    assert not app.exception, app.exception
    assert picker(app).value == LACHIN
    assert "took back the town of" in article_data(app)["html"]
    assert shown(app.caption[0].value).startswith("26 August 2022 · ")
    (undated,) = [c for c in app.caption if "no date line" in c.value]
    assert "The 3+3 format met in Tehran" in shown(undated.value)
