// Draws an LSOA choropleth from the GeoJSON the page links to, over a base map when one is configured
// (data-tiles) and under named council or ward outlines (data-outlines) that orient it when no tiles load.
// Each LSOA can be reached with Tab and announces its figures; the page's table holds the same figures.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var status = document.getElementById("map-status");
  var legend = document.getElementById("map-legend");
  // Sequential blues, light to dark: the same as crimeplan.core.maps.COLOURS.
  var colours = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"];

  // Classes from the distinct values present (as crimeplan.core.maps.legend_bands): never empty, never inverted.
  function bandsFor(values) {
    var distinct = values.filter(function (v, i, all) { return all.indexOf(v) === i; })
      .sort(function (a, b) { return a - b; });
    if (!distinct.length) { return []; }
    var uppers = distinct;
    if (distinct.length > colours.length) {
      uppers = [];
      for (var i = 0; i < colours.length; i++) {
        var u = distinct[Math.round(((i + 1) * distinct.length) / colours.length) - 1];
        if (uppers.indexOf(u) < 0) { uppers.push(u); }
      }
    }
    var low = distinct[0];
    return uppers.map(function (high, i) {
      var band = { low: low, high: high, colour: colours[i], label: low === high ? String(low) : low + " to " + high };
      low = high + 1;
      return band;
    });
  }
  function colourFor(value, bands) {
    for (var i = 0; i < bands.length; i++) { if (value >= bands[i].low && value <= bands[i].high) { return bands[i].colour; } }
    return bands.length ? bands[bands.length - 1].colour : colours[0];
  }
  function drawLegend(bands) {
    legend.innerHTML = "";
    bands.forEach(function (band) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "app-legend__swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.background = band.colour;  // set through the DOM, as the Content-Security-Policy allows
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(band.label));
      legend.appendChild(item);
    });
  }

  var map = L.map(element, { scrollWheelZoom: false, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Contains OS data © Crown copyright; police.uk data, OGL v3.0");
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.tilesAttribution || "" }).addTo(map);
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.detail || "The map data could not be loaded."); }
        return body;
      });
    });
  }

  function addOutlines(data) {
    var names = L.layerGroup();
    L.geoJSON(data, {
      interactive: false,
      style: function () { return { color: "#0b0c0c", weight: 2, fill: false, opacity: 0.9 }; },
      onEachFeature: function (feature) {
        var at = feature.properties.label_at;
        var label = L.divIcon({ className: "app-map-label", html: "", iconSize: null });
        var marker = L.marker(at, { icon: label, interactive: false, keyboard: false });
        marker.on("add", function () {
          var node = marker.getElement();
          if (node) { node.textContent = feature.properties.name; node.setAttribute("aria-hidden", "true"); }
        });
        names.addLayer(marker);
      }
    }).addTo(map);
    names.addTo(map);
  }

  load(element.dataset.geojson)
    .then(function (data) {
      var counts = data.features.map(function (f) { return f.properties.count; });
      var bands = (data.properties.legend && data.properties.legend.bands) || bandsFor(counts);
      if (!(data.properties.legend)) { drawLegend(bands); }
      var layer = L.geoJSON(data, {
        style: function (feature) {
          return { color: "#505a5f", weight: 0.6, fillOpacity: 0.75, fillColor: colourFor(feature.properties.count, bands) };
        },
        onEachFeature: function (feature, lyr) {
          var p = feature.properties;
          var rate = (p.rate_per_1000 === null || p.rate_per_1000 === undefined) ? "no population figure" : p.rate_per_1000 + " per 1,000 residents";
          var place = p.ward ? ", " + p.ward + " ward, " + p.council : "";
          var text = p.name + " (" + p.code + ")" + place + ": " + p.count.toLocaleString("en-GB") + " records, " + rate;
          lyr.bindTooltip(text);
          lyr.on("add", function () {
            var path = lyr.getElement && lyr.getElement();
            if (!path) { return; }
            path.setAttribute("tabindex", "0");
            path.setAttribute("role", "img");
            path.setAttribute("aria-label", text);
            path.addEventListener("focus", function () { lyr.openTooltip(); status.textContent = text; });
            path.addEventListener("blur", function () { lyr.closeTooltip(); });
          });
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds()); }
      var props = data.properties;
      status.textContent = data.features.length + " LSOAs shown" + (props.records === undefined ? "." : "; " +
        props.mapped.toLocaleString("en-GB") + " of " + props.records.toLocaleString("en-GB") +
        " records have an LSOA on the map (" + props.not_mapped.toLocaleString("en-GB") +
        " have no location or lie outside the loaded boundaries).");
      element.setAttribute("data-drawn", String(data.features.length));
      if (element.dataset.outlines) {
        return load(element.dataset.outlines).then(function (outlines) {
          addOutlines(outlines);
          element.setAttribute("data-outlines-drawn", String(outlines.features.length));
        });
      }
      return null;
    })
    .catch(function (error) { status.textContent = error.message; });
})();
