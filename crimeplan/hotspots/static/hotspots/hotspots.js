// Draws the forecast's top cells, coloured by risk band, and the Gi* hot/cold spot outlines (no tile server needed).
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("map-status");
  var colours = { "top 1%": "#67000d", "top 1–2%": "#cb181d", "top 2–5%": "#fc9272" };
  var outlines = {
    hot: { color: "#b58840", weight: 1, fillColor: "#ffdd00", fillOpacity: 0.45 },
    cold: { color: "#1d70b8", weight: 1, fillColor: "#5694ca", fillOpacity: 0.3 }
  };
  var map = L.map(element, { scrollWheelZoom: false, preferCanvas: true });
  map.attributionControl.addAttribution("Contains OS data © Crown copyright; police.uk data, OGL v3.0");

  fetch(element.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.detail || "The map data could not be loaded."); }
        return body;
      });
    })
    .then(function (data) {
      var overlay = L.geoJSON(data.gi_star, {
        style: function (feature) { return outlines[feature.properties.gi_star]; },
        interactive: false
      }).addTo(map);
      var cells = L.geoJSON(data, {
        style: function (feature) {
          var colour = colours[feature.properties.band] || "#fee0d2";
          // A 1 px edge in the fill colour keeps 150 m cells visible when the whole force is in view.
          return { color: colour, weight: 1, opacity: 0.9, fillOpacity: 0.9, fillColor: colour };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          layer.bindTooltip("Rank " + p.rank + " (" + p.band + "), risk " + p.risk.toPrecision(3) + ", " +
            p.training_events + " records in the window, Gi* " + p.gi_star);
        }
      }).addTo(map);
      L.control.layers(null, { "Gi* hot and cold spots": overlay, "Forecast cells": cells }, { collapsed: false }).addTo(map);
      if (data.features.length) { map.fitBounds(cells.getBounds()); }
      var props = data.properties;
      status.textContent = data.features.length.toLocaleString("en-GB") + " cells shown (the top " +
        Math.round(props.coverage * 100) + "% of " + props.grid.cells.toLocaleString("en-GB") + "), method " +
        props.method + ", trained on " + props.training_months[0] + " to " + props.training_months[1] + ".";
    })
    .catch(function (error) { status.textContent = error.message; });
})();
