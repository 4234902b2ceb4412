/**
 * What the report pages load besides console.css/console.js: Chart.js (its
 * UMD build from node_modules, served from this origin — the CSP allows no
 * CDN) and the small script that draws each page's charts from their JSON
 * blocks and opens the orders behind a clicked bar.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let chartJs: string | undefined;

/** chart.js/dist/chart.umd.min.js, read once. */
export function chartJsSource(): string {
  if (chartJs === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    chartJs = readFileSync(path.join(path.dirname(main), 'chart.umd.min.js'), 'utf8');
  }
  return chartJs;
}

export const REPORTS_JS = String.raw`'use strict';
(function () {
  if (!window.Chart) return;
  var PALETTE = ['#0b6e5f', '#2f80ed', '#f2994a', '#9b51e0', '#27ae60', '#eb5757', '#56ccf2', '#c9a227', '#6d7b88'];
  function full(unit, v) {
    if (unit === 'rupees') return '\u20b9' + Math.round(v).toLocaleString('en-IN');
    if (unit === 'percent') return (v > 0 ? '+' : '') + v.toFixed(1) + '%';
    return Math.round(v).toLocaleString('en-IN');
  }
  function short(unit, v) {
    if (unit !== 'rupees') return full(unit, v);
    var a = Math.abs(v);
    if (a >= 1e7) return '\u20b9' + (v / 1e7).toFixed(1) + ' Cr';
    if (a >= 1e5) return '\u20b9' + (v / 1e5).toFixed(1) + ' L';
    if (a >= 1e3) return '\u20b9' + Math.round(v / 1e3) + 'k';
    return '\u20b9' + v;
  }
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
  Chart.defaults.color = '#5b6b79';
  document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (s) {
    var spec = JSON.parse(s.textContent);
    var canvas = document.getElementById(s.getAttribute('data-chart'));
    if (!canvas) return;
    var horizontal = !!spec.horizontal;
    canvas.parentNode.style.height = (horizontal ? Math.max(220, 28 * spec.labels.length + 70) : 340) + 'px';
    var datasets = spec.datasets.map(function (d, i) {
      var c = d.role === 'previous' ? '#b8c4ce' : PALETTE[i % PALETTE.length];
      return { label: d.label, data: d.data, backgroundColor: c, borderColor: c, borderWidth: spec.type === 'line' ? 2 : 0, borderRadius: 3, maxBarThickness: 48 };
    });
    function link(el) {
      return spec.links && spec.links[el.datasetIndex] ? spec.links[el.datasetIndex][el.index] : null;
    }
    var valueAxis = { stacked: !!spec.stacked, beginAtZero: true, ticks: { callback: function (v) { return short(spec.unit, v); } }, grid: { color: '#eef1f4' } };
    var labelAxis = { stacked: !!spec.stacked, grid: { display: false } };
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { display: datasets.length > 1, position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + full(spec.unit, horizontal ? ctx.parsed.x : ctx.parsed.y); } } }
        },
        onHover: function (e, els) { canvas.style.cursor = els.length && link(els[0]) ? 'pointer' : 'default'; },
        onClick: function (e, els) { var l = els.length ? link(els[0]) : null; if (l) location.href = l; }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  });
})();
`;

/** Added to the console stylesheet. */
export const REPORTS_CSS = `
.tabs-row { display: flex; align-items: flex-end; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin: 0 0 16px; border-bottom: 1px solid var(--line); }
.tabs { display: flex; gap: 4px; flex-wrap: wrap; }
.tabs-row .digest { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; }
.tabs a { padding: 8px 14px; text-decoration: none; color: var(--muted); border-bottom: 3px solid transparent; font-weight: 550; }
.tabs a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--brand); }
.report-filters label { display: flex; flex-direction: column; gap: 4px; }
.report-filters input, .report-filters select { width: 100%; }
.report-filters .presets { grid-column: 1 / -1; margin: 0; display: flex; gap: 6px; flex-wrap: wrap; font-size: .85rem; }
.report-filters .presets a { padding: 3px 10px; border-radius: 999px; background: var(--brand-soft); text-decoration: none; }
.report-filters .presets a[aria-current="true"] { background: var(--brand); color: var(--brand-ink); }
.chart { margin: 0; }
.chart-box { position: relative; height: 340px; }
.downloads { margin: 0; font-size: .9rem; }
.delta { font-variant-numeric: tabular-nums; white-space: nowrap; }
.delta.up { color: var(--ok); }
.delta.down { color: var(--bad); }
.spark { display: block; }
.method { font-size: .9rem; color: var(--muted); }
p.empty { padding: 16px 20px; margin: 0; }
p.more { padding: 8px 20px; margin: 0; }
`;
