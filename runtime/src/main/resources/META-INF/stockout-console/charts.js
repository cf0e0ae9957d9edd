// Charts drawn with Chart.js (shipped with the console), each with a table of its figures for those who cannot see it.
import { el, table } from './view.js';

const COLORS = ['#1f5fbf', '#b34700', '#2e7d32', '#6a1b9a'];
const TOLERANCE_COLOR = '#c62828';

/**
 * A figure with a line chart (or bars) and the same figures as a table.
 *
 * @param id the figure's test id and the canvas' id
 * @param title what the chart shows
 * @param labels the x axis
 * @param series [{label, values}]
 * @param tolerance {value, label} drawn as a dashed line, or null; note says why there is none
 */
export function chartFigure({ id, title, labels, series, tolerance, note, kind = 'line', percent = false }) {
  const canvas = el('canvas', {
    id,
    role: 'img',
    'aria-label': `${title}: ${summary(labels, series)}`,
    'data-points': String(series.reduce((sum, s) => sum + s.values.filter((v) => v !== null && v !== undefined).length, 0)),
  });
  const box = el('div', { class: 'chart-box' }, canvas);
  const rows = labels.map((label, i) => ({ label, values: series.map((s) => s.values[i]) }));
  const columns = [['', (row) => row.label]].concat(series.map((s, j) => [s.label, (row) => format(row.values[j], percent)]));
  if (tolerance) {
    columns.push([tolerance.label, () => format(tolerance.value, percent)]);
  }
  const figure = el('figure', { class: 'chart', 'data-testid': id },
    el('figcaption', {}, el('strong', { text: title }),
      el('span', { class: 'tolerance-note', 'data-testid': `${id}-tolerance` },
        tolerance ? ` · ${tolerance.label}: ${format(tolerance.value, percent)}` : ` · ${note || 'No tolerance is set for it.'}`)),
    box,
    el('details', {}, el('summary', { text: 'Figures as a table' }), table(title, columns, rows)));
  // drawn once the figure is in the page, so that it takes the box's size
  figure.draw = () => draw(canvas, kind, labels, series, tolerance, percent);
  return figure;
}

function summary(labels, series) {
  if (labels.length === 0) {
    return 'no figures yet';
  }
  return series.map((s) => `${s.label} ${format(s.values[s.values.length - 1], false)} at ${labels[labels.length - 1]}`).join('; ');
}

function format(value, percent) {
  if (value === null || value === undefined) {
    return '–';
  }
  return percent ? `${(value * 100).toFixed(1)} %` : String(Math.round(value * 1000) / 1000);
}

function draw(canvas, kind, labels, series, tolerance, percent) {
  if (!window.Chart) {
    return null;
  }
  const datasets = series.map((s, i) => ({
    type: kind,
    label: s.label,
    data: s.values.map((v) => (v === undefined ? null : v)),
    borderColor: COLORS[i % COLORS.length],
    backgroundColor: COLORS[i % COLORS.length],
    spanGaps: true,
    pointRadius: 3,
  }));
  if (tolerance) {
    datasets.push({
      type: 'line',
      label: tolerance.label,
      data: labels.map(() => tolerance.value),
      borderColor: TOLERANCE_COLOR,
      backgroundColor: TOLERANCE_COLOR,
      borderDash: [6, 4],
      // a line needs two days: a single day shows the limit as a dash
      pointStyle: 'line',
      pointRadius: labels.length < 2 ? 12 : 0,
      pointBorderWidth: 3,
      fill: false,
    });
  }
  return new window.Chart(canvas, {
    type: kind,
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: {
          beginAtZero: true,
          ticks: percent ? { callback: (value) => `${Math.round(value * 100)} %` } : {},
        },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
