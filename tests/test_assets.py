from geo import assets


def test_publish_copies_leaflet_with_its_images(tmp_path):
    folder = assets.publish(tmp_path)
    assert (folder / "leaflet.js").read_bytes() == (assets.LEAFLET_DIR / "leaflet.js").read_bytes()
    assert (folder / "leaflet.css").exists()
    assert (folder / "images" / "layers.png").exists()
    assert not list(folder.glob("*.map")), "source maps are not served"


def test_matches_the_leaflet_folium_expects():
    import folium

    leaflet_url = dict(folium.Map.default_js)["leaflet"]
    assert f"leaflet@{assets.LEAFLET_VERSION}/" in leaflet_url


def test_inline_css_embeds_every_image():
    css = assets.inline_css()
    assert "url(images/" not in css
    assert css.count("url(data:image/png;base64,") >= 3


def test_inline_js_cannot_close_its_script_element():
    assert "</script" not in assets.inline_js().lower()


def test_publish_replaces_a_broken_copy_and_leaves_no_partial_files(tmp_path):
    folder = assets.publish(tmp_path)
    (folder / "leaflet.js").write_text("half a file")
    assets.publish(tmp_path)
    assert (folder / "leaflet.js").read_bytes() == (assets.LEAFLET_DIR / "leaflet.js").read_bytes()
    assert not list(folder.rglob("*.partial"))
