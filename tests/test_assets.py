import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

import folium
from folium.plugins import MarkerCluster

from geo import assets
from geo.assets import STATIC_URL
from harness.map_frame import map_frame

# a small file the app serves, for the tests of the server's own timing
SMALL_FILE = f"/{STATIC_URL.removeprefix('../../')}/markercluster/MarkerCluster.css"


def test_publish_copies_each_package_with_its_images(tmp_path):
    static = assets.publish(tmp_path)
    leaflet = assets.LEAFLET.source
    assert (static / "leaflet" / "leaflet.js").read_bytes() == (leaflet / "leaflet.js").read_bytes()
    assert (static / "leaflet" / "images" / "layers.png").exists()
    assert (static / "markercluster" / "leaflet.markercluster.js").exists()
    assert (static / "markercluster" / "MarkerCluster.Default.css").exists()
    assert not list(static.rglob("*.map")), "source maps are not served"


def test_urls_follow_the_published_layout(tmp_path):
    static = assets.publish(tmp_path)
    for package in assets.SERVED:
        scripts, styles = package.urls("STATIC")
        for url in scripts + styles:
            assert (static / url.removeprefix("STATIC/")).exists(), url


def test_versions_match_what_folium_expects():
    assert f"leaflet@{assets.LEAFLET.version}/" in dict(folium.Map.default_js)["leaflet"]
    # folium's own MarkerCluster points at 1.1.0; 1.4 keeps the same API on Leaflet 1.9
    assert dict(MarkerCluster.default_js)["markerclusterjs"].endswith("leaflet.markercluster.js")
    assert assets.MARKERCLUSTER.version.startswith("1.4")


def test_inline_css_embeds_every_image():
    css = assets.inline_css()
    assert "url(images/" not in css
    assert css.count("url(data:image/png;base64,") >= 3
    assert ".marker-cluster" in css


def test_inline_js_holds_both_and_cannot_close_its_script_element():
    js = assets.inline_js()
    assert "</script" not in js.lower()
    assert js.index('version="1.9.3"') < js.index("markerClusterGroup")


def test_publish_replaces_a_broken_copy_and_leaves_no_partial_files(tmp_path):
    static = assets.publish(tmp_path)
    (static / "leaflet" / "leaflet.js").write_text("half a file")
    assets.publish(tmp_path)
    original = (assets.LEAFLET.source / "leaflet.js").read_bytes()
    assert (static / "leaflet" / "leaflet.js").read_bytes() == original
    assert not list(static.rglob("*.partial"))


def test_our_own_code_travels_minified_and_unserved_and_the_packages_files_as_shipped(tmp_path):
    folder = assets.publish(tmp_path)
    source = (assets.STORYMAP.source / "storymap.js").read_text(encoding="utf-8")
    inlined = assets.inline_js((assets.STORYMAP,))
    assert len(inlined) < 0.8 * len(source), "comments and indentation are for people, not the browser"
    assert "window.StoryMap" in inlined
    assert "// " not in inlined.split("\n")[0][:3]
    assert not (folder / "storymap").exists(), "our own code travels inside the map (streamlit_map.prepare)"
    leaflet = assets.LEAFLET.source / "leaflet.js"
    assert (folder / "leaflet" / "leaflet.js").read_bytes() == leaflet.read_bytes()


def test_the_server_sends_each_file_at_once_on_a_kept_connection(app_url):
    """Nagle's algorithm held each response's body until the browser's delayed ACK: 40 ms a file.

    Streamlit 1.67 binds its socket so that asyncio leaves TCP_NODELAY off;
    uvloop (streamlit[performance]) sets it. The page loads dozens of files on
    a few kept connections, and the map its scripts one after another.
    """
    host, port = urlsplit(app_url).hostname, urlsplit(app_url).port
    connection = http.client.HTTPConnection(host, port, timeout=10)
    waits = []
    for _ in range(6):
        start = time.perf_counter()
        connection.request("GET", SMALL_FILE)
        response = connection.getresponse()
        assert response.status == 200
        assert response.read()
        waits.append(time.perf_counter() - start)
    connection.close()
    # the first is answered at once either way; a delayed ACK is never shorter than 40 ms
    assert statistics.median(waits[1:]) < 0.025, [f"{wait * 1000:.0f} ms" for wait in waits]


def _file_waits_while(app_url: str, action) -> list[float]:
    """How long each request for a small file took (one each 10 ms, kept connection) during ``action()``."""
    host, port = urlsplit(app_url).hostname, urlsplit(app_url).port
    waits: list[float] = []
    done = threading.Event()

    def ask() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        while not done.is_set():
            start = time.perf_counter()
            connection.request("GET", SMALL_FILE)
            connection.getresponse().read()
            waits.append(time.perf_counter() - start)
            time.sleep(0.01)
        connection.close()

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        action()
    finally:
        done.set()
        asker.join()
    return waits


def test_a_new_session_does_not_hold_up_the_server(app_url, chromium):
    """With Streamlit watching the sources, each new session walked every imported module's path
    on the server's event loop: for 0.25 s it answered no one (.streamlit/config.toml turns it off).

    The page is loaded once, then loaded again in the same browser: a new session, with the
    page's files from the browser's cache, so the server's time goes to the session alone.
    """
    errors: list[str] = []
    page = chromium.new_page()
    page.goto(app_url)
    map_frame(page, errors)

    def open_again() -> None:
        page.reload()
        map_frame(page, errors)
        page.wait_for_timeout(1500)

    waits = _file_waits_while(app_url, open_again)
    page.close()
    assert len(waits) > 50
    assert max(waits) < 0.15, f"longest wait {max(waits) * 1000:.0f} ms of {len(waits)}"
    assert errors == []
