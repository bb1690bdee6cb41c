// Follow a background job: reload the page every few seconds. Without this script, the link does it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("reload");
    if (!link) { return; }
    var seconds = Number(link.dataset.seconds) || 5;
    window.setTimeout(function () { window.location.replace(link.href); }, seconds * 1000);
  });
})();
