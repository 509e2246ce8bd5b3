// "Leave this site": go at once, replacing this page in the history so Back does not return to the form.
// Works by click, Enter, or pressing Shift three times within five seconds (as GOV.UK's Exit this page).
(function () {
  "use strict";
  var link = document.querySelector(".app-quick-exit");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("govuk-exit-this-page-hide-content");
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) { leave(null); }
  });
})();
