// The offline page's side panel (geo/offline.py): a place clicked on the map,
// or chosen there with Enter, shows its panel. Every panel is already in the
// page as a <template>; the panel shows a copy of it, so no HTML is ever
// built here from data.
(function () {
  "use strict";

  function showPlace(panel, placeId) {
    // ids are validated slugs; getElementById takes any string as plain text
    var template = document.getElementById("place-" + placeId);
    if (!template || !template.content) return;
    panel.replaceChildren(template.content.cloneNode(true));
  }

  // map: a Leaflet map whose overlays StoryMap.followOverlays knows
  function follow(map) {
    var panel = document.getElementById("offline-place");
    if (!panel) return;
    (map.storyOverlays || []).forEach(function (overlay) {
      // a place's click reaches its layer with the place as event.layer;
      // storymap.js fires the same click for Enter on a focused place
      overlay.layer.on("click", function (event) {
        var feature = event.layer && event.layer.feature;
        if (feature && feature.properties) showPlace(panel, feature.properties.id);
      });
    });
  }

  window.OfflinePanel = { follow: follow };
})();
