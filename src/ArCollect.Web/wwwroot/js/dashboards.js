// Draws every <canvas data-chart="id-of-json"> from the JSON in the script element with that id.
// The same numbers are always in the table next to the chart; the chart only helps the eye.
document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var palette = ["#198754", "#8bc34a", "#ffc107", "#fd7e14", "#dc3545", "#6f42c1", "#0d6efd", "#20c997", "#6c757d", "#343a40"];
    spec.datasets.forEach(function (d, i) {
        var colour = d.color || palette[i % palette.length];
        d.backgroundColor = d.fill === "band" ? "rgba(13,110,253,0.15)" : colour;
        d.borderColor = d.fill === "band" ? "rgba(13,110,253,0.3)" : colour;
        if (d.fill === "band") { d.fill = "-1"; d.pointRadius = 0; } else if (spec.type === "line") { d.fill = false; }
    });
    new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            scales: spec.stacked ? { x: { stacked: true }, y: { stacked: true } } : {},
            plugins: { legend: { position: "bottom" } }
        }
    });
});
