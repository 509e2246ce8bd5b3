// Draws the ranked sites (circles sized by EB expected KSI) and Gi* hot spot squares; no tile server needed.
(function () {
  "use strict";
  var element = document.getElementById("road-map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("road-map-status");
  var map = L.map(element, { scrollWheelZoom: false, preferCanvas: true });
  map.attributionControl.addAttribution("DfT STATS19, OGL v3.0");
  fetch(element.dataset.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var hot = L.layerGroup(data.cells.filter(function (c) { return c.label === "hot"; }).map(function (c) {
        return L.circleMarker([c.latitude, c.longitude], { radius: 5, color: "#b58840", fillColor: "#ffdd00", fillOpacity: 0.6, weight: 1 })
          .bindTooltip("Gi* hot spot square: " + c.collisions + " collisions, z = " + c.z);
      })).addTo(map);
      var sites = L.featureGroup(data.sites.map(function (s, i) {
        return L.circleMarker([s.latitude, s.longitude], { radius: 4 + 2 * Math.sqrt(s.eb_ksi), color: "#67000d", fillColor: "#cb181d", fillOpacity: 0.8, weight: 1 })
          .bindTooltip("Rank " + (i + 1) + ": " + s.site + ". " + s.why);
      })).addTo(map);
      L.control.layers(null, { "Gi* hot spots": hot, "Ranked sites": sites }, { collapsed: false }).addTo(map);
      if (data.sites.length) { map.fitBounds(sites.getBounds()); }
      if (status) { status.textContent = data.sites.length + " sites and " + data.cells.filter(function (c) { return c.label === "hot"; }).length + " hot spot squares drawn."; }
    })
    .catch(function (error) { if (status) { status.textContent = "The map could not be drawn: " + error.message; } });
})();
