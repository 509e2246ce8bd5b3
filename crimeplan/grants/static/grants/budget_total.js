// Progressive enhancement of the costs page: as the applicant types a cost, say what the total would
// be against the fund's maximum (the page already says it after each cost is added).
(function () {
  "use strict";
  var box = document.getElementById("budget-total");
  var input = document.getElementById("id_amount");
  var live = document.getElementById("budget-live");
  if (!box || !input || !live) { return; }
  var total = parseFloat(box.dataset.total);
  var maximum = box.dataset.max ? parseFloat(box.dataset.max) : null;
  var pounds = function (value) {
    var text = value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return "£" + text.replace(/\.00$/, "");
  };
  input.addEventListener("input", function () {
    var amount = parseFloat(input.value.replace(/[£,\s]/g, ""));
    if (isNaN(amount) || amount <= 0) { live.textContent = ""; return; }
    var next = total + amount;
    var words = "With this cost your total would be " + pounds(next);
    if (maximum !== null) {
      words += next > maximum ? ", " + pounds(next - maximum) + " over the maximum." : ", " + pounds(maximum - next) + " below the maximum.";
    }
    live.textContent = words;
  });
})();
