/**
 * Bar charts drawn by chart.js 4, imported on first use: the tasklist and the other pages never load it. The chart
 * only shows the figures; the table beside each chart carries them for screen readers and for copying.
 */
import type { Chart as ChartType } from 'chart.js';
import { h } from '../../lib/dom';

type ChartClass = typeof ChartType;

let loading: Promise<ChartClass> | null = null;

function loadChart(): Promise<ChartClass> {
  loading ??= import('chart.js').then(
    ({ Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip }) => {
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      Chart.defaults.font.family = "'Pretendard GOV Variable', 'Pretendard GOV', sans-serif";
      return Chart;
    },
  );
  return loading;
}

export interface Series {
  label: string;
  values: Array<number | null>;
  color: string;
}

export interface BarChartOptions {
  /** Bars drawn left to right (long element names read better on the side). */
  horizontal?: boolean;
  /** How an axis tick and a tooltip show a value. */
  format?: (value: number) => string;
}

/**
 * A canvas that a bar chart is drawn into once chart.js has loaded; the canvas is hidden from assistive technology,
 * which reads the table instead.
 */
export function barChart(labels: string[], series: Series[], options: BarChartOptions = {}): HTMLElement {
  const canvas = h('canvas', { 'aria-hidden': 'true', role: 'presentation' });
  const host = h('div', { class: ['dashboard-chart', options.horizontal && 'dashboard-chart--horizontal'] }, canvas);
  const format = options.format ?? ((value: number) => value.toLocaleString());
  void loadChart().then((Chart) => {
    if (!canvas.isConnected) return;
    const valueAxis = { beginAtZero: true, ticks: { callback: (value: string | number) => format(Number(value)) } };
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map(({ label, values, color }) => ({ label, data: values, backgroundColor: color })),
      },
      options: {
        indexAxis: options.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales: options.horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: {
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}` } },
        },
      },
    });
    host.dataset.drawn = 'true';
    // A chart left behind by a page that is gone stops listening for resizes.
    const observer = new MutationObserver(() => {
      if (canvas.isConnected) return;
      chart.destroy();
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  return host;
}
