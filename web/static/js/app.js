// Start the design system's components, and move focus to an error summary so it is read first.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS && typeof window.DKFDS.init === "function") { window.DKFDS.init(); }
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
