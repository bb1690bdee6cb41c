// Routing-quality charts, drawn from the figures the page carries as JSON (the tables hold the same).
(function () {
  "use strict";
  // Distinguishable colours with enough contrast against white (Okabe–Ito, darkened where needed).
  var COLOURS = ["#0059b3", "#c25400", "#007a5e", "#a3286e", "#5a4bb3", "#8a6d00", "#6b6b6b"];

  function volumeChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.weeks,
        datasets: data.volume.map(function (series, i) {
          return { label: series.label, data: series.data, backgroundColor: COLOURS[i % COLOURS.length] };
        })
      },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, title: { display: true, text: canvas.dataset.xTitle || "" } },
                  y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function forwardChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.forward.labels,
              datasets: [{ label: "%", data: data.forward.data, backgroundColor: COLOURS[1] }] },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        scales: { x: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("quality-data");
    if (!source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.font.size = 13;
    window.Chart.defaults.color = "#1a1a1a";
    var volume = document.getElementById("volume-chart");
    var forward = document.getElementById("forward-chart");
    if (volume) { volumeChart(volume, data); }
    if (forward && data.forward.labels.length) { forwardChart(forward, data); }
  });
})();
