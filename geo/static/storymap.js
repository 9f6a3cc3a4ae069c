// What the story map adds to Leaflet: places reachable by keyboard, a legend
// and source credits that follow the visible layers, the layers' drawing order
// kept, the visible layers reported to Python through st_folium, a wheel that
// scrolls the page unless Ctrl or ⌘ is held, and a way back to the story.
(function () {
  "use strict";

  // narrower than a desktop map column, as wide as a phone's
  var NARROW_PX = 420;

  // A place's name as the tooltip shows it: a one-cell table, as folium's
  // GeoJsonTooltip drew it, its text set as text (names arrive as plain text)
  function nameTable(name) {
    var table = document.createElement("table");
    table.insertRow().insertCell().textContent = name;
    return table;
  }

  // The middle of the part of a shape that the map shows: the middle of all
  // of Iran or Turkey lies off the map, and a name put there is not seen
  function visibleMiddle(layer, map) {
    if (layer.getLatLng) return layer.getLatLng();
    var view = map.getBounds();
    var shape = layer.getBounds();
    if (!view.intersects(shape)) return shape.getCenter();
    return L.latLngBounds(
      [Math.max(view.getSouth(), shape.getSouth()), Math.max(view.getWest(), shape.getWest())],
      [Math.min(view.getNorth(), shape.getNorth()), Math.min(view.getEast(), shape.getEast())]
    ).getCenter();
  }

  // Leaflet opens a focused shape's tooltip at the shape's middle; this
  // listener, added after Leaflet's, moves it into the part the map shows
  function nameInViewOnFocus(layer, element) {
    element.addEventListener("focus", function () {
      if (layer._map) layer.openTooltip(visibleMiddle(layer, layer._map));
    });
  }

  // onEachFeature for a layer of places: each one named in a tooltip,
  // focusable, named for screen readers, and chosen with Enter or Space
  // exactly as a click chooses it. A sticky tooltip follows the mouse.
  function placeDescriber(sticky) {
    return function (feature, layer) {
      var name = feature.properties.name;
      layer.bindTooltip(
        function () {
          return nameTable(name);
        },
        { sticky: sticky, className: "foliumtooltip" }
      );
      layer.on("add", function () {
        var element = layer.getElement ? layer.getElement() : null;
        if (!element || element.hasAttribute("aria-label")) return;
        // in reading order, once followCards knows it (readingOrder)
        var rank = (layer._map && layer._map.storyReadingOrder) || {};
        element.tabIndex = rank[feature.properties.id] || 0;
        element.setAttribute("role", "button");
        element.setAttribute("aria-label", name);
        nameInViewOnFocus(layer, element);
        element.addEventListener("keydown", function (event) {
          if (event.key !== "Enter" && event.key !== " ") return;
          event.preventDefault();
          var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
          layer.fire("click", { latlng: at, originalEvent: event }, true);
        });
      });
    };
  }

  function addLegend(map, overlays) {
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "story-legend");
      box.setAttribute("role", "list");
      box.setAttribute("aria-label", "Legend");
      overlays.forEach(function (overlay) {
        // the layer's key, then one per feature drawn otherwise (the railway)
        overlay.rows = [overlay.legend].concat(overlay.keys || []).map(function (html) {
          var row = L.DomUtil.create("div", "story-legend-row", box);
          row.setAttribute("role", "listitem");
          row.innerHTML = html;
          return row;
        });
        overlay.row = overlay.rows[0];
      });
      foldLegendWhenNarrow(box);
      return box;
    };
    legend.addTo(map);
  }

  // On a narrow map (a phone) the legend would cover a fifth of it: a button
  // that shows it on a tap, as the layer switches fold into theirs. The
  // button and the folding show only on a narrow map (storymap.css), so the
  // width at any time decides, not the width the map started with
  function foldLegendWhenNarrow(box) {
    var button = L.DomUtil.create("button", "story-legend-button", box);
    button.type = "button";
    button.textContent = "Legend";
    box.insertBefore(button, box.firstChild);
    function fold(folded) {
      L.DomUtil[folded ? "addClass" : "removeClass"](box, "story-legend-folded");
      button.setAttribute("aria-expanded", String(!folded));
    }
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.on(button, "click", function () {
      fold(!L.DomUtil.hasClass(box, "story-legend-folded"));
    });
    fold(true);
  }

  // The selection is drawn as a halo under the story's layers: over them, its
  // ring along a selected border would hide the corridor on the Araz. Only
  // the halo's paths move, under the lowest of the places' own: moving those
  // (bringToFront) as Python's answer to a click arrives would drop the next
  // click pressed meanwhile (Chromium forgets a press whose element left the
  // page before the release)
  function keepSelectionUnder(map, overlays, selectionClass) {
    var pending = false;
    function lowestPlacePath(svg) {
      var places = new Set();
      overlays.forEach(function (overlay) {
        if (!map.hasLayer(overlay.layer)) return;
        overlay.layer.eachLayer(function (layer) {
          if (layer._path) places.add(layer._path);
        });
      });
      return Array.prototype.find.call(svg.children, function (child) {
        return places.has(child);
      });
    }
    map.on("layeradd", function (event) {
      if (pending || !event.layer.options || event.layer.options.className !== selectionClass) return;
      pending = true;
      // once for all the selection's shapes, after they are all added
      setTimeout(function () {
        pending = false;
        map.eachLayer(function (layer) {
          if (!layer._path || layer.options.className !== selectionClass) return;
          var lowest = lowestPlacePath(layer._path.parentNode);
          if (lowest) lowest.parentNode.insertBefore(layer._path, lowest);
        });
      }, 0);
    });
  }

  // Leaflet counts each credit: one shown by two visible layers stays until both are off
  function followCredits(map, overlays, backdropCredits) {
    var control = map.attributionControl;
    backdropCredits.forEach(function (credit) {
      control.addAttribution(credit);
    });
    overlays.forEach(function (overlay) {
      if (!map.hasLayer(overlay.layer)) return;
      overlay.credits.forEach(function (credit) {
        control.addAttribution(credit);
      });
    });
    map.on("overlayadd overlayremove", function (event) {
      overlays.forEach(function (overlay) {
        if (overlay.layer !== event.layer) return;
        overlay.credits.forEach(function (credit) {
          if (event.type === "overlayadd") control.addAttribution(credit);
          else control.removeAttribution(credit);
        });
      });
    });
  }

  // On a narrow map (a phone) the open layer switches would cover a third of
  // it: fold them into Leaflet's layers button, which opens on a tap
  function foldSwitchesWhenNarrow(map, control) {
    if (!control || map.getSize().x >= NARROW_PX) return;
    control.remove();
    control.options.collapsed = true;
    control.addTo(map);
  }

  // overlays: [{layer, id, legend, credits}], bottom to top; legend and credits
  // are escaped HTML. backdropCredits: the sources of the layers always shown.
  // selectionClass: the class of the selection's paths (SELECTION_CLASS in geo/maps.py).
  function followOverlays(map, overlays, backdropCredits, control, selectionClass) {
    // for whoever embeds the map and wants to follow the switches (streamlit_map.py)
    map.storyOverlays = overlays;
    addLegend(map, overlays);
    followCredits(map, overlays, backdropCredits);
    foldSwitchesWhenNarrow(map, control);
    function showVisible() {
      var anyShown = false;
      overlays.forEach(function (overlay) {
        anyShown = anyShown || map.hasLayer(overlay.layer);
        overlay.rows.forEach(function (row) {
          row.hidden = !map.hasLayer(overlay.layer);
        });
      });
      // with every layer off, no empty legend box
      if (overlays.length) overlays[0].row.parentNode.hidden = !anyShown;
    }
    // Leaflet draws a layer switched back on over all others: without this the
    // corridor would cover the towns at its ends and take their clicks
    function keepDrawingOrder() {
      overlays.forEach(function (overlay) {
        if (map.hasLayer(overlay.layer)) overlay.layer.bringToFront();
      });
    }
    showVisible();
    map.on("overlayadd overlayremove", showVisible);
    map.on("overlayadd", keepDrawingOrder);
    keepSelectionUnder(map, overlays, selectionClass);
  }

  // Embedded in a page, the map leaves the wheel to the page: it zooms only
  // with Ctrl (or ⌘) held, and says so when the wheel turns without
  var HINT_MS = 1500;
  // as Leaflet's own wheel zoom: this many pixels of wheel make one zoom level
  var WHEEL_PX_PER_LEVEL = 60;
  var WHEEL_IDLE_MS = 200;

  function wheelHint(map) {
    var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
    var hint = L.DomUtil.create("div", "story-wheel-hint", map.getContainer());
    hint.setAttribute("role", "status");
    hint.textContent = "Use " + (mac ? "⌘" : "Ctrl") + " + scroll to zoom the map";
    var timer = null;
    return function show() {
      hint.classList.add("story-wheel-hint-shown");
      clearTimeout(timer);
      timer = setTimeout(function () {
        hint.classList.remove("story-wheel-hint-shown");
      }, HINT_MS);
    };
  }

  function zoomOnlyWithKeyHeld(map) {
    var showHint = wheelHint(map);
    var pending = 0;
    var lastWheel = 0;
    map.getContainer().addEventListener(
      "wheel",
      function (event) {
        if (!(event.ctrlKey || event.metaKey)) {
          showHint();
          return; // the page scrolls
        }
        event.preventDefault(); // no page zoom either
        if (event.timeStamp - lastWheel > WHEEL_IDLE_MS) pending = 0;
        lastWheel = event.timeStamp;
        pending += L.DomEvent.getWheelDelta(event);
        if (Math.abs(pending) < WHEEL_PX_PER_LEVEL) return;
        var levels = pending > 0 ? 1 : -1;
        pending = 0;
        map.setZoomAround(map.mouseEventToContainerPoint(event), map.getZoom() + levels);
      },
      { passive: false }
    );
  }

  // However large the map, the reader never sees past its bounds, where
  // nothing is drawn: the least zoom is the one that fills the map with them
  function keepViewInBounds(map) {
    var bounds = map.options.maxBounds;
    if (!bounds) return;
    var least = map.options.minZoom || 0;
    function fill() {
      map.setMinZoom(Math.max(least, map.getBoundsZoom(bounds, true)));
    }
    fill();
    map.on("resize", fill);
  }

  function addHomeControl(map, center, zoom) {
    var home = L.control({ position: "topleft" });
    home.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar story-home");
      var button = L.DomUtil.create("button", "", bar);
      button.type = "button";
      button.title = "Back to the story";
      button.setAttribute("aria-label", "Back to the story");
      button.innerHTML = '<span aria-hidden="true">⌂</span>';
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, "click", function () {
        map.setView(center, zoom);
      });
      return bar;
    };
    home.addTo(map);
  }

  // Every story map: a map built with its wheel zoom off zooms with a key
  // held, and a button brings back the view it opened on
  L.Map.addInitHook(function () {
    keepViewInBounds(this);
    if (this.options.scrollWheelZoom === false) zoomOnlyWithKeyHeld(this);
    if (this.options.center) addHomeControl(this, this.options.center, this.options.zoom);
  });

  // The card of the place chosen on the map, shown inside the map at once:
  // a copy of the place's <template> (geo/panel.py renders it, escaped), so
  // no HTML is ever built here from data. Python follows for the rest.
  var CARD_MARGIN_PX = 16;

  function cardBox(map) {
    var card = L.DomUtil.create("section", "story-card", map.getContainer());
    card.hidden = true;
    card.tabIndex = -1;
    card.setAttribute("aria-label", "The place chosen");
    var close = L.DomUtil.create("button", "story-card-close", card);
    close.setAttribute("aria-label", "Close (Esc)");
    close.textContent = "×";
    L.DomEvent.disableClickPropagation(card);
    L.DomEvent.disableScrollPropagation(card);
    return card;
  }

  // A map taller than what the screen shows of it (a phone, a laptop) would
  // put the card, at the map's foot, below the screen: it rises to the foot
  // of the part in view, as far as the map has room above it. The page does
  // not move: the next press lands where the reader aims it.
  function liftIntoView(card) {
    card.style.marginBottom = "";
    var frame = window.frameElement;
    if (!frame || !frame.ownerDocument.defaultView) return;
    var below = frame.getBoundingClientRect().bottom - frame.ownerDocument.defaultView.innerHeight;
    var room = card.offsetTop - CARD_MARGIN_PX;
    if (below > 0 && room > 0) card.style.marginBottom = Math.min(below, room) + "px";
  }

  // The place chosen stays in sight: a card over it moves the map, up from
  // a card across the map (a phone), left from one at its side. A town is
  // kept clear at its dot; a shape clicked at the point clicked, where the
  // reader looks (the middle of a big country often lies under the card
  // while the country is in plain sight, and a move for it at each click
  // walked the map east until Kars and Turkey left it); a shape chosen with
  // the keyboard at the middle of its part in view.
  function keepPlaceClear(map, layer, card, clicked) {
    var kept = layer.getLatLng ? layer.getLatLng() : clicked || visibleMiddle(layer, map);
    var at = map.latLngToContainerPoint(kept);
    var left = card.offsetLeft - CARD_MARGIN_PX;
    var top = card.offsetTop - CARD_MARGIN_PX;
    if (at.x < left || at.y < top || at.y > top + card.offsetHeight + 2 * CARD_MARGIN_PX) return;
    var across = card.offsetWidth > map.getSize().x / 2;
    map.panBy(across ? [0, at.y - top + CARD_MARGIN_PX] : [at.x - left + CARD_MARGIN_PX, 0], { animate: false });
  }

  // One selection on the map at a time: Python's group (a choice made outside
  // the map) or the halo the map draws round a place chosen in it; each
  // carries the ids it shows (storySelection), which labels.js follows
  function replaceSelection(map, selection) {
    var others = [];
    map.eachLayer(function (layer) {
      if (layer.storySelection && layer !== selection) others.push(layer);
    });
    others.forEach(function (layer) {
      map.removeLayer(layer);
    });
    if (selection && !map.hasLayer(selection)) selection.addTo(map);
  }

  // the halo round a place chosen in the map, as Python draws it (ring: its
  // style, and the radius round a point): Python then need not send the map
  // anything new for a click, and the page gets no new copy of the map
  function haloAround(feature, ring) {
    var halo = L.geoJSON(
      feature,
      L.extend({}, ring, {
        interactive: false,
        pointToLayer: function (_point, at) {
          return L.circleMarker(at, ring);
        },
      })
    );
    halo.storySelection = [feature.properties.id];
    return halo;
  }

  // Leaflet focuses the map on a press, to take the keyboard, and the browser
  // scrolls the page to show the whole frame: on a phone, where the map does
  // not fit, the page moved under the finger and the press and the release
  // fell on different places (no click). Taking the focus first, without
  // scrolling, leaves Leaflet nothing to do.
  function focusWithoutScrolling(map) {
    var container = map.getContainer();
    container.addEventListener(
      "mousedown",
      function () {
        if (document.activeElement !== container) container.focus({ preventScroll: true });
      },
      true
    );
  }

  // prefix: what the cards' template ids hold before the place id
  function followCards(map, prefix, ring) {
    focusWithoutScrolling(map);
    var card = cardBox(map);
    var shown = null;
    var chosenFrom = null;
    // Python's frame of a choice made outside the map shows the card too: the same one stays
    function show(placeId, layer, clicked) {
      var template = document.getElementById(prefix + placeId);
      if (!template) return false;
      if (shown !== placeId || card.hidden) {
        card.replaceChildren(card.firstChild, template.content.cloneNode(true));
        card.hidden = false;
        card.scrollTop = 0;
        shown = placeId;
      }
      if (layer) {
        liftIntoView(card);
        keepPlaceClear(map, layer, card, clicked);
      }
      return true;
    }
    // closed by the reader in the map, the keyboard goes back to the place it came from
    function hide(refocus) {
      card.hidden = true;
      shown = null;
      if (refocus && chosenFrom) chosenFrom.focus({ preventScroll: true });
    }
    function close() {
      hide(true);
    }
    (map.storyOverlays || []).forEach(function (overlay) {
      overlay.layer.on("click", function (event) {
        var layer = event.layer;
        var original = event.originalEvent;
        var pressed = original && original.type === "keydown";
        var clicked = pressed ? null : event.latlng;
        if (!layer || !layer.feature || !show(layer.feature.properties.id, layer, clicked)) return;
        replaceSelection(map, haloAround(layer.feature, ring));
        // Enter on a place: the keyboard goes on into its card, and Esc brings it back
        chosenFrom = pressed ? original.target : null;
        if (chosenFrom) card.focus({ preventScroll: true });
      });
    });
    L.DomEvent.on(card.firstChild, "click", close);
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !card.hidden) close();
    });
    // Python clears the selection from outside the map: the keyboard stays where the reader is
    map.storyCard = {
      show: show,
      hide: function () {
        hide(false);
        replaceSelection(map, null);
      },
    };
  }

  // Tab reaches the places in reading order, before the map's buttons
  function readingOrder(map, order) {
    var rank = {};
    order.forEach(function (placeId, n) {
      rank[placeId] = n + 1;
    });
    map.storyReadingOrder = rank;
    map.eachLayer(function (layer) {
      var element = layer.getElement ? layer.getElement() : null;
      if (element && layer.feature && element.hasAttribute("aria-label")) {
        element.tabIndex = rank[layer.feature.properties.id] || 0;
      }
    });
  }

  // The padding that keeps a framed place clear of the map's controls and of
  // the card shown: each pushes the frame in from the side it costs the least
  // to give up (the open layer switches from the top, the credits from the
  // bottom, the card from the right or, across a phone's map, from the bottom)
  var FRAME_GAP = 24;
  function framePadding(map) {
    var box = map.getContainer().getBoundingClientRect();
    var edges = { top: FRAME_GAP, bottom: FRAME_GAP, left: FRAME_GAP, right: FRAME_GAP };
    // a hidden card has no size, and is passed over like a folded control
    map.getContainer().querySelectorAll(".leaflet-control, .story-card").forEach(function (control) {
      var r = control.getBoundingClientRect();
      if (!r.width || !r.height) return;
      var side = r.top - box.top < box.bottom - r.bottom ? "top" : "bottom";
      var across = r.left - box.left < box.right - r.right ? "left" : "right";
      var down = side === "top" ? r.bottom - box.top : box.bottom - r.top;
      var along = across === "left" ? r.right - box.left : box.right - r.left;
      if (down <= along) edges[side] = Math.max(edges[side], down + FRAME_GAP / 2);
      else edges[across] = Math.max(edges[across], along + FRAME_GAP / 2);
    });
    return { paddingTopLeft: [edges.left, edges.top], paddingBottomRight: [edges.right, edges.bottom] };
  }

  // Calls back once Leaflet's stylesheet has sized the controls that a frame
  // and the names keep clear of: st_folium runs the map's script before that
  // link has arrived (our own styles travel with the script, so they are there)
  var STYLE_WAIT_MS = 50;
  var STYLE_TRIES = 100;
  function whenStyled(map, callback, tries) {
    var styled = getComputedStyle(map.getPane("mapPane")).zIndex !== "auto";
    if (styled || (tries || 0) >= STYLE_TRIES) callback();
    else setTimeout(whenStyled, STYLE_WAIT_MS, map, callback, (tries || 0) + 1);
  }

  // Frames the bounds clear of the controls
  function frame(map, bounds, maxZoom) {
    whenStyled(map, function () {
      var box = L.latLngBounds(bounds);
      // a town goes to the middle, which no control covers
      if (box.getNorthEast().equals(box.getSouthWest())) return map.setView(box.getCenter(), maxZoom);
      var options = framePadding(map);
      options.maxZoom = maxZoom;
      map.fitBounds(box, options);
    });
  }

  // A layer's positions as geo/maps.py packs them (packed_positions): each
  // line or ring a flat list of steps in whole 1/scale degrees, a Point too
  function unpackPositions(packed, scale) {
    if (typeof packed[0] !== "number") {
      return packed.map(function (part) {
        return unpackPositions(part, scale);
      });
    }
    var positions = [];
    var x = 0;
    var y = 0;
    for (var i = 0; i < packed.length; i += 2) {
      x += packed[i];
      y += packed[i + 1];
      positions.push([x / scale, y / scale]);
    }
    return positions;
  }

  function unpack(collection, scale) {
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry.coordinates) return;
      var positions = unpackPositions(geometry.coordinates, scale);
      geometry.coordinates = geometry.type === "Point" ? positions[0] : positions;
    });
    return collection;
  }

  window.StoryMap = {
    frame: frame,
    whenStyled: whenStyled,
    unpack: unpack,
    // cards: prefix, what the cards' template ids hold before the place id;
    // order, the place ids as a reader meets them; ring, the look of the selection's halo
    followCards: function (map, cards) {
      readingOrder(map, cards.order);
      followCards(map, cards.prefix, cards.ring);
    },
    replaceSelection: replaceSelection,
    describePlace: placeDescriber(true),
    // a cluster takes its markers away, and a sticky tooltip with them
    describeClusteredPlace: placeDescriber(false),
    followOverlays: followOverlays,
  };
})();
