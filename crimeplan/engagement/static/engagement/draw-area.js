// Compose: draw the area to send to. Each click on the map adds a corner; the GeoJSON polygon is written into
// the "Drawn area" box (which can also be typed or pasted), and "A drawn area" is chosen.
(function () {
  "use strict";
  var element = document.getElementById("draw-map");
  if (!element || !window.L) { return; }
  var box = document.getElementById("id_geojson");
  var status = document.getElementById("draw-map-status");
  var clear = document.getElementById("draw-map-clear");
  var map = L.map(element, { scrollWheelZoom: false, preferCanvas: true });
  var corners = [];
  var shape = L.polygon([], { color: "#d4351c", weight: 2 }).addTo(map);
  function write() {
    shape.setLatLngs(corners);
    if (corners.length >= 3) {
      var ring = corners.map(function (c) { return [Number(c.lng.toFixed(5)), Number(c.lat.toFixed(5))]; });
      ring.push(ring[0]);
      box.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
      var radio = document.querySelector("input[name=target_kind][value=polygon]");
      if (radio) { radio.checked = true; }
    }
    if (status) { status.textContent = corners.length + " corner" + (corners.length === 1 ? "" : "s") + " drawn" + (corners.length < 3 ? ": add at least three." : "."); }
  }
  map.on("click", function (event) { corners.push(event.latlng); write(); });
  if (clear) { clear.addEventListener("click", function () { corners = []; box.value = ""; write(); }); }
  fetch(element.dataset.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var points = L.featureGroup(data.lsoas.map(function (row) {
        return L.circleMarker([row[2], row[3]], { radius: 2, color: "#1d70b8", weight: 1, interactive: false });
      })).addTo(map);
      if (data.lsoas.length) { map.fitBounds(points.getBounds()); }
    })
    .catch(function (error) { if (status) { status.textContent = "The map could not be drawn: " + error.message; } });
})();
