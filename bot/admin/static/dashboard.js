// Draws the dashboard's charts from the JSON the page carries (no inline script: CSP).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const palette = ["#06c755", "#0b6bcb", "#f59f00", "#c62828", "#7048e8", "#1098ad",
    "#d6336c", "#5c940d", "#868e96"];
  Chart.defaults.font.family = '"Sarabun", sans-serif';
  Chart.defaults.font.size = 13;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false; // drawn once, read at a glance; nothing to animate
  const coloured = (series) => series.map((s, i) => ({ ...s, backgroundColor: palette[i % palette.length] }));
  const stacked = { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } };
  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    canvas.chart = new Chart(canvas, config);
  };
  draw("chart-by-category", { type: "bar", data: { labels: data.weeks, datasets: coloured(data.complaints_by_category) }, options: stacked });
  draw("chart-by-province", { type: "bar", data: { labels: data.weeks, datasets: coloured(data.complaints_by_province) }, options: stacked });
  draw("chart-open-age", { type: "bar",
    data: { labels: data.open_by_age.labels, datasets: [{ label: "เรื่อง", data: data.open_by_age.counts, backgroundColor: "#f59f00" }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  draw("chart-messages", { type: "line",
    data: { labels: data.days, datasets: [{ label: "ข้อความ", data: data.messages_per_day, borderColor: "#0b6bcb", backgroundColor: "#0b6bcb", tension: 0.2 }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  // Beside the doughnut a legend gets only part of a phone's width and cuts long Thai labels
  // short ("ติดตามเรื่องร้องเรีย…"); below it, each label has the whole width.
  const legendSide = (width) => (width < 560 ? "bottom" : "right");
  const intents = document.getElementById("chart-intents");
  draw("chart-intents", { type: "doughnut",
    data: { labels: data.intent_mix.labels, datasets: [{ data: data.intent_mix.counts, backgroundColor: palette }] },
    options: {
      plugins: { legend: { position: legendSide(intents.parentElement.clientWidth) } },
      onResize: (chart, size) => {
        const side = legendSide(size.width);
        if (chart.options.plugins.legend.position !== side) {
          chart.options.plugins.legend.position = side;
          chart.update("none");
        }
      },
    } });
  draw("chart-unsure", { type: "line",
    data: { labels: data.days, datasets: [{ label: "%", data: data.unsure_share_per_day, borderColor: "#c62828", backgroundColor: "#c62828", tension: 0.2 }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, suggestedMax: 100 } } } });
  document.body.dataset.chartsReady = "true";
});
