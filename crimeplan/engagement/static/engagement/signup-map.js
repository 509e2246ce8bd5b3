// Sign-up: mark home on a map of the neighbourhoods (LSOA centroids; no tile server needed). Clicking a
// neighbourhood picks it in the list; clicking elsewhere fills the point fields. The list works without it.
(function () {
  "use strict";
  var element = document.getElementById("signup-map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("signup-map-status");
  var select = document.getElementById("id_lsoa_code");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var map = L.map(element, { scrollWheelZoom: false, preferCanvas: true });
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
  }
  map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(5);
    lon.value = event.latlng.lng.toFixed(5);
    place(event.latlng);
    if (status) { status.textContent = "Point marked: " + lat.value + ", " + lon.value + "."; }
  });
  fetch(element.dataset.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var points = L.featureGroup(data.lsoas.map(function (row) {
        return L.circleMarker([row[2], row[3]], { radius: 3, color: "#1d70b8", weight: 1, fillOpacity: 0.6 })
          .bindTooltip(row[1])
          .on("click", function (event) {
            L.DomEvent.stopPropagation(event);
            select.value = row[0];
            place(event.latlng);
            if (status) { status.textContent = "Neighbourhood chosen: " + row[1] + "."; }
          });
      })).addTo(map);
      if (data.lsoas.length) { map.fitBounds(points.getBounds()); }
      if (status) { status.textContent = data.lsoas.length + " neighbourhoods drawn: choose yours, or click where you live."; }
    })
    .catch(function (error) { if (status) { status.textContent = "The map could not be drawn: " + error.message; } });
})();
