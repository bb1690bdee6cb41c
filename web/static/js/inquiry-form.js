// The inquiry form's live CVR hint: how many digits so far, then whether the check digit fits.
(function () {
  "use strict";
  var WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

  function checksumOk(digits) {
    var sum = 0;
    for (var i = 0; i < 8; i++) { sum += WEIGHTS[i] * Number(digits[i]); }
    return sum % 11 === 0;
  }

  function hint(input, live) {
    var raw = input.value.replace(/\s/g, "");
    var message = "";
    if (raw && /\D/.test(raw)) { message = input.dataset.msgDigits; }
    else if (raw.length > 0 && raw.length !== 8) { message = input.dataset.msgCount.replace("{n}", raw.length); }
    else if (raw.length === 8) { message = checksumOk(raw) ? input.dataset.msgOk : input.dataset.msgChecksum; }
    live.textContent = message;
    live.classList.toggle("cvr-live--ok", raw.length === 8 && !/\D/.test(raw) && checksumOk(raw));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("cvr");
    var live = document.getElementById("cvr-live");
    if (!input || !live) { return; }
    input.addEventListener("input", function () { hint(input, live); });
  });
})();
