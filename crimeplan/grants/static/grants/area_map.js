// Progressive enhancement of the areas page: choosing an area on the map ticks its box in the list.
(function () {
  "use strict";
  var element = document.getElementById("area-map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("area-map-status");
  var level = element.dataset.level;  // "lsoa" or "ward"
  function box(feature) {
    var value = level === "ward" ? feature.properties.ward : feature.properties.code;
    return document.querySelector('input[name="area_codes"][value="' + value + '"]');
  }
  function style(feature) {
    var input = box(feature);
    var chosen = input && input.checked;
    return { color: "#0b0c0c", weight: 0.6, fillOpacity: chosen ? 0.8 : 0.15, fillColor: chosen ? "#1d70b8" : "#b1b4b6" };
  }
  var map = L.map(element, { scrollWheelZoom: false });
  map.attributionControl.addAttribution("Contains OS data © Crown copyright");
  fetch(element.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) { return response.json().then(function (body) {
      if (!response.ok) { throw new Error(body.detail || "The map could not be loaded."); }
      return body;
    }); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: style,
        onEachFeature: function (feature, shape) {
          shape.bindTooltip(feature.properties.name);
          shape.on("click", function () {
            var input = box(feature);
            if (input) { input.checked = !input.checked; layer.setStyle(style); }
          });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      document.querySelectorAll('input[name="area_codes"]').forEach(function (input) {
        input.addEventListener("change", function () { layer.setStyle(style); });
      });
      status.textContent = "Select " + (level === "ward" ? "a ward" : "a neighbourhood") + " on the map, or tick it in the list.";
    })
    .catch(function (error) { status.textContent = error.message + " Use the list below."; });
})();
