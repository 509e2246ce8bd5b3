// Draws the LSOA choropleth from the GeoJSON the page links to (no tile server needed).
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("map-status");
  var legend = document.getElementById("map-legend");
  // Sequential blues, light to dark; each passes 3:1 against its neighbour's border.
  var colours = ["#f1f5fa", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function breaks(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 1; i < colours.length; i++) {
      out.push(sorted[Math.floor((i / colours.length) * (sorted.length - 1))] || 0);
    }
    return out;
  }
  function colourFor(value, cuts) {
    for (var i = 0; i < cuts.length; i++) { if (value <= cuts[i]) { return colours[i]; } }
    return colours[colours.length - 1];
  }

  var map = L.map(element, { scrollWheelZoom: false, attributionControl: true });
  map.attributionControl.addAttribution("Contains OS data © Crown copyright; police.uk data, OGL v3.0");

  fetch(element.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.detail || "The map data could not be loaded."); }
        return body;
      });
    })
    .then(function (data) {
      var counts = data.features.map(function (f) { return f.properties.count; });
      var cuts = breaks(counts);
      var layer = L.geoJSON(data, {
        style: function (feature) {
          return { color: "#505a5f", weight: 0.4, fillOpacity: 0.85, fillColor: colourFor(feature.properties.count, cuts) };
        },
        onEachFeature: function (feature, lyr) {
          var p = feature.properties;
          var rate = p.rate_per_1000 === null ? "no population figure" : p.rate_per_1000 + " per 1,000 residents";
          lyr.bindTooltip(p.name + " (" + p.code + "): " + p.count.toLocaleString("en-GB") + " records, " + rate);
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds()); }
      var lower = 0;
      legend.innerHTML = "";
      cuts.concat([Math.max.apply(null, counts.concat([0]))]).forEach(function (upper, i) {
        var item = document.createElement("li");
        var swatch = document.createElement("span");
        swatch.className = "app-legend__swatch";
        swatch.style.background = colours[i];  // set through the DOM, as the Content-Security-Policy allows
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(lower + "–" + upper));
        legend.appendChild(item);
        lower = upper + 1;
      });
      var props = data.properties;
      status.textContent = data.features.length + " LSOAs shown; " + props.mapped.toLocaleString("en-GB") +
        " of " + props.records.toLocaleString("en-GB") + " records have an LSOA on the map (" +
        props.not_mapped.toLocaleString("en-GB") + " have no location or lie outside the loaded boundaries).";
    })
    .catch(function (error) { status.textContent = error.message; });
})();
