// "Use my location": asks the browser for its position and opens the LSOA that holds it.
(function () {
  "use strict";
  var box = document.getElementById("use-location");
  if (!box || !navigator.geolocation) { return; }
  var button = document.getElementById("use-location-button");
  var status = document.getElementById("use-location-status");
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(function (position) {
      var c = position.coords;
      window.location.assign(button.dataset.locate + "?lat=" + c.latitude.toFixed(5) + "&lon=" + c.longitude.toFixed(5));
    }, function () {
      status.textContent = "Your location could not be found. Search by place name instead.";
    }, { timeout: 15000, maximumAge: 600000 });
  });
})();
