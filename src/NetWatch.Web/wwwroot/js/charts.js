// Draws each <canvas data-chart="ID"> from the JSON in <script type="application/json" id="ID">:
// { "type": "bar" | "line", "labels": [...], "series": [{ "label": "...", "data": [...], "colour": "--chart-N" or null }], "stacked": bool, "horizontal": bool }.
// Colours come from the page's CSS (light or dark). Every chart has its numbers in a table beside it, so the
// canvas is a picture of that table (role="img" with a label) and nothing is only in the chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var css = getComputedStyle(document.documentElement);
  var v = function (name) { return css.getPropertyValue(name).trim(); };
  var palette = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5", "--chart-6"].map(v);
  Chart.defaults.color = v("--fg");
  Chart.defaults.borderColor = v("--line");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var line = spec.type === "line";
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          var colour = s.colour ? v(s.colour) : palette[i % palette.length];
          return { label: s.label, data: s.data, backgroundColor: colour, borderColor: colour, borderWidth: line ? 2 : 0, tension: 0.2 };
        })
      },
      options: {
        animation: reduced ? false : { duration: 300 },
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: { legend: { display: spec.series.length > 1, position: "bottom" } },
        // Every chart counts: whole-number ticks (no "0.5 matches").
        scales: { x: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
