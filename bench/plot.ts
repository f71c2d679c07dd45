/** Throughput against concurrency, one line per series, as a self-contained SVG (no plotting dependency). */

export interface Series {
  label: string;
  color: string;
  /** SVG stroke-dasharray; solid when absent. */
  dash?: string;
  /** A concurrency whose point gets a ring (the saturation point). */
  saturation?: number;
  /** [concurrency, instances/s median, min, max] */
  points: Array<[number, number, number, number]>;
}

const W = 780;
const H = 400;
const M = { left: 60, right: 300, top: 40, bottom: 50 };

export function throughputSvg(title: string, series: Series[]): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const yMax = niceCeil(Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[3]))));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  // Concurrency levels are spread evenly (they are usually geometric), labelled with their values.
  const pad = 30;
  const x = (c: number) =>
    M.left + pad + (xs.length === 1 ? (plotW - 2 * pad) / 2 : (xs.indexOf(c) / (xs.length - 1)) * (plotW - 2 * pad));
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const f = (v: number) => v.toFixed(1);

  const yTicks = Array.from({ length: 6 }, (_, i) => (yMax * i) / 5);
  const grid = yTicks
    .map(
      (t) =>
        `<line x1="${M.left}" x2="${M.left + plotW}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="#ddd"/>` +
        `<text x="${M.left - 8}" y="${f(y(t) + 4)}" text-anchor="end">${t % 1 === 0 ? t : t.toFixed(1)}</text>`,
    )
    .join('\n');
  const xLabels = xs
    .map((c) => `<text x="${f(x(c))}" y="${M.top + plotH + 18}" text-anchor="middle">${c}</text>`)
    .join('\n');
  const lines = series
    .map((s) => {
      const path = s.points.map((p) => `${f(x(p[0]))},${f(y(p[1]))}`).join(' ');
      const marks = s.points
        .map(
          (p) =>
            `<line x1="${f(x(p[0]))}" x2="${f(x(p[0]))}" y1="${f(y(p[2]))}" y2="${f(y(p[3]))}" stroke="${s.color}"/>` +
            `<circle cx="${f(x(p[0]))}" cy="${f(y(p[1]))}" r="3.5" fill="${s.color}"/>` +
            (p[0] === s.saturation
              ? `<circle cx="${f(x(p[0]))}" cy="${f(y(p[1]))}" r="8" fill="none" stroke="${s.color}"/>`
              : ''),
        )
        .join('');
      return `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dashed(s)}/>${marks}`;
    })
    .join('\n');
  const legend = series
    .map(
      (s, i) =>
        `<line x1="${W - M.right + 16}" x2="${W - M.right + 30}" y1="${M.top + i * 22 + 1}" y2="${M.top + i * 22 + 1}" stroke="${s.color}" stroke-width="3"${dashed(s)}/>` +
        `<text x="${W - M.right + 36}" y="${M.top + i * 22 + 5}">${escape(s.label)}</text>`,
    )
    .join('\n');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${M.left}" y="22" font-size="14" font-weight="bold">${escape(title)}</text>
${grid}
${xLabels}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + plotH}" stroke="#333"/>
<line x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#333"/>
<text x="${M.left + plotW / 2}" y="${H - 12}" text-anchor="middle">instances in flight (closed loop)</text>
<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">completed instances / s</text>
${lines}
${legend}
<text x="${W - M.right + 16}" y="${M.top + series.length * 22 + 14}" fill="#666">dot: median of runs;</text>
<text x="${W - M.right + 16}" y="${M.top + series.length * 22 + 28}" fill="#666">bar: min to max;</text>
<text x="${W - M.right + 16}" y="${M.top + series.length * 22 + 42}" fill="#666">ring: saturation point</text>
</svg>
`;
}

function dashed(s: Series): string {
  return s.dash ? ` stroke-dasharray="${s.dash}"` : '';
}

function niceCeil(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= v) return m * step;
  return 10 * step;
}

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
