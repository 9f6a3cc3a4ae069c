// Names on the story map: each place's label (geo/labels.py computes where),
// placed greedily in priority order so that no label sits on another. A
// label that collides hides, and comes back when zooming in makes room; a
// town tries each side of its dot first. The selected places' labels are
// placed first and drawn above the others. Labels follow the layer switches.
// Runs after storymap.js, whose StoryMap.whenStyled it waits on.
(function () {
  "use strict";

  // pixels between a dot and its name, straight or across a corner
  var GAP = 8;
  var CORNER_GAP = 6;
  // half the size of a dot no other name may cover
  var DOT = 4;
  // a town tries these sides of its dot, in order, as [x, y] directions: right,
  // left, above, below, then the corners; a line's or an area's name centres on its point
  var POINT_SIDES = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];
  var CENTRE = [[0, 0]];

  function along(direction, size, gap) {
    return direction > 0 ? gap : direction < 0 ? -gap - size : -size / 2;
  }

  function offset(side, width, height) {
    var gap = side[0] && side[1] ? CORNER_GAP : GAP;
    return [along(side[0], width, gap), along(side[1], height, gap)];
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function fits(box, size) {
    return box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y;
  }

  // The map's controls (zoom, switches, legend, scale) as boxes in the map's
  // own pixels: a name under them could not be read
  function controlBoxes(map) {
    var origin = map.getContainer().getBoundingClientRect();
    var controls = map.getContainer().querySelectorAll(".leaflet-control");
    return Array.prototype.map.call(controls, function (control) {
      var r = control.getBoundingClientRect();
      return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top };
    });
  }

  function bandOf(bands, zoom) {
    for (var i = 0; i < bands.length; i++) if (zoom <= bands[i]) return i;
    return bands.length - 1;
  }

  function StoryLabels(map, data) {
    this.map = map;
    this.bands = data.bands;
    this.selected = {};
    this.pane = map.createPane("storyLabels");
    this.pane.classList.add("story-labels");
    this.labels = data.labels.map(this.makeLabel, this);
    this.overlays = {};
    (map.storyOverlays || []).forEach(function (overlay) {
      this.overlays[overlay.id] = overlay.layer;
    }, this);
  }

  StoryLabels.prototype.makeLabel = function (label, rank) {
    var element = L.DomUtil.create("div", "story-label story-label-" + label.kind, this.pane);
    if (label.water) element.classList.add("story-label-water");
    // names arrive as plain text, and are set as text
    element.textContent = label.text;
    element.setAttribute("aria-hidden", "true");
    return { data: label, rank: rank, element: element, width: 0, height: 0 };
  };

  // Every size read at once, before any label moves: one layout per pass. Read
  // on each pass, as the stylesheet may arrive after the map script ran
  StoryLabels.prototype.measure = function () {
    this.labels.forEach(function (label) {
      // exact sizes, and a pixel to spare: text is laid out in fractions of one
      var box = label.element.getBoundingClientRect();
      label.width = box.width + 1;
      label.height = box.height + 1;
    });
  };

  StoryLabels.prototype.isVisible = function (label) {
    var layer = this.overlays[label.data.layer];
    return !layer || this.map.hasLayer(layer);
  };

  // The chosen places first, then the dots no name stands for (``lone``), then by rank
  StoryLabels.prototype.order = function (lone) {
    var selected = this.selected;
    lone = lone || {};
    return this.labels.slice().sort(function (a, b) {
      var chosen = (selected[b.data.id] ? 1 : 0) - (selected[a.data.id] ? 1 : 0);
      return chosen || (lone[b.data.id] ? 1 : 0) - (lone[a.data.id] ? 1 : 0) || a.rank - b.rank;
    });
  };

  // Where the label goes, trying each of its points and each side of it in
  // turn; null if none is free (or the first spot, if ``force``)
  StoryLabels.prototype.spot = function (label, anchors, placed, size, force, dots) {
    var sides = label.data.kind === "point" ? POINT_SIDES : CENTRE;
    var hides = function (box) {
      return dots.some(function (dot) { return dot.id !== label.data.id && overlaps(box, dot); });
    };
    for (var a = 0; a < anchors.length; a++) {
      for (var i = 0; i < sides.length; i++) {
        var shift = offset(sides[i], label.width, label.height);
        var left = anchors[a].x + shift[0], top = anchors[a].y + shift[1];
        var box = { left: left, top: top, right: left + label.width, bottom: top + label.height };
        if (force || (fits(box, size) && !placed.some(overlaps.bind(null, box)) && !hides(box))) return box;
      }
    }
    return null;
  };

  // The dots of the towns shown: no name may hide another's dot, or the name
  // would seem to be that dot's (Horadiz's named beside Fizuli's; Goris's on Khankendi's)
  // (those in view only: each name is checked against each of them)
  StoryLabels.prototype.dotBoxes = function (toPoint, size) {
    return this.labels.filter(function (label) {
      return label.data.kind === "point" && this.isVisible(label);
    }, this).map(function (label) {
      var dot = toPoint(label.data.at[0][0]);
      return { id: label.data.id, x: dot.x, y: dot.y, left: dot.x - DOT, top: dot.y - DOT, right: dot.x + DOT, bottom: dot.y + DOT };
    }).filter(function (dot) { return fits(dot, size); });
  };

  // The greedy pass: most important first, each label on the first free spot
  StoryLabels.prototype.place = function (lone) {
    var map = this.map, size = map.getSize(), band = bandOf(this.bands, map.getZoom());
    var toPoint = function (at) { return map.latLngToContainerPoint([at[0], at[1]]); };
    var placed = controlBoxes(map), dots = this.dotBoxes(toPoint, size);
    this.measure();
    this.order(lone).forEach(function (label) {
      var box = null, chosen = !!this.selected[label.data.id];
      label.more = 0;
      // a chosen place is named even with its layer off, where the map shows it
      if (this.isVisible(label) || chosen) {
        // a label the same in every band carries one
        var anchors = label.data.at[Math.min(band, label.data.at.length - 1)].map(toPoint);
        if (chosen) anchors = anchors.concat(this.shownMiddle(label.data.id));
        box = this.spot(label, anchors, placed, size, false, dots) || (chosen ? this.spot(label, anchors, [], size, true, []) : null);
      }
      label.box = box;
      label.element.hidden = !box;
      label.element.classList.toggle("story-label-selected", chosen);
      if (!box) return;
      placed.push(box);
      L.DomUtil.setPosition(label.element, map.containerPointToLayerPoint([box.left, box.top]));
    }, this);
    return dots;
  };

  // The middle of the part of a place the map shows: Russia framed whole is
  // named in Siberia, far from its label points near the story
  StoryLabels.prototype.shownMiddle = function (id) {
    var map = this.map, middle = [];
    map.eachLayer(function (layer) {
      if (!layer.getBounds || !layer.feature || layer.feature.properties.id !== id) return;
      var view = map.getBounds(), shape = layer.getBounds();
      if (!view.intersects(shape)) return;
      var south = Math.max(view.getSouth(), shape.getSouth()), west = Math.max(view.getWest(), shape.getWest());
      var north = Math.min(view.getNorth(), shape.getNorth()), east = Math.min(view.getEast(), shape.getEast());
      middle.push(map.latLngToContainerPoint([(south + north) / 2, (west + east) / 2]));
    });
    return middle;
  };

  // A dot left unnamed joins the nearest named dot close by, whose name says
  // how many it stands for ("Goris +2"), and the dots are drawn most
  // important on top, so a place near a lesser one keeps its click
  var GROUP_PX = 30;
  // Adds to ``lone`` the unnamed dots with no named dot near, or only a lesser
  // one ("Horadiz +1" for Fizuli), whose names go first next time
  StoryLabels.prototype.group = function (dots, lone) {
    var byId = {};
    this.labels.forEach(function (label) { byId[label.data.id] = label; });
    dots.forEach(function (dot) {
      if (byId[dot.id].box) return;
      var nearest = null, best = GROUP_PX;
      dots.forEach(function (other) {
        var d = Math.hypot(other.x - dot.x, other.y - dot.y);
        if (byId[other.id].box && d < best) { best = d; nearest = byId[other.id]; }
      });
      if (nearest) nearest.more += 1;
      if (!nearest || nearest.rank > byId[dot.id].rank) lone[dot.id] = true;
    });
    this.labels.forEach(function (label) {
      if (label.more) label.element.setAttribute("data-more", "+" + label.more);
      else label.element.removeAttribute("data-more");
    });
  };

  StoryLabels.prototype.dotsInOrder = function () {
    var rank = {};
    this.labels.forEach(function (label) { rank[label.data.id] = label.rank; });
    var markers = [];
    this.map.eachLayer(function (layer) {
      var id = layer.feature && layer.getLatLng && layer.bringToFront && layer.feature.properties.id;
      if (id in rank) markers.push(layer);
    });
    markers.sort(function (a, b) { return rank[b.feature.properties.id] - rank[a.feature.properties.id]; });
    markers.forEach(function (marker) { marker.bringToFront(); });
  };

  // Placed three times, the dots left unnamed with no name near, or only a
  // lesser one, named first the next time; the names that now stand for a
  // group are measured again with their count
  var PASSES = 3;
  StoryLabels.prototype.placeAll = function () {
    var lone = {};
    this.labels.forEach(function (label) { label.element.removeAttribute("data-more"); });
    for (var pass = 0; pass < PASSES; pass++) this.group(this.place(lone), lone);
    this.dotsInOrder();
  };

  // The selection group (geo/maps.py highlight_layer) carries the ids it shows
  StoryLabels.prototype.followSelection = function (event, adding) {
    var ids = event.layer && event.layer.storySelection;
    if (!ids) return;
    this.selected = {};
    if (adding) ids.forEach(function (id) { this.selected[id] = true; }, this);
    this.placeAll();
  };

  function showLabels(map, data) {
    var labels = new StoryLabels(map, data);
    var place = labels.placeAll.bind(labels);
    map.storyLabels = labels;
    map.on("zoomstart", function () { labels.pane.classList.add("story-labels-moving"); });
    map.on("zoomend", function () { labels.pane.classList.remove("story-labels-moving"); });
    map.on("zoomend moveend overlayadd overlayremove resize", place);
    map.on("layeradd", function (event) { labels.followSelection(event, true); });
    map.on("layerremove", function (event) { labels.followSelection(event, false); });
    // the names keep clear of the controls, which Leaflet's stylesheet sizes
    map.whenReady(function () { StoryMap.whenStyled(map, place); });
    return labels;
  }

  window.StoryLabels = { show: showLabels };
})();
