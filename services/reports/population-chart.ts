/**
 * The population vision chart, as server-rendered SVG (no script, no inline style): the observed
 * totals against the vision path (the starting population and the goals, joined by straight
 * lines as the gap is computed), the 社人研 projection, the simulations and the outlook. Used by
 * the dashboard page and the public page; each series has a mark and a word in the legend, so
 * colour is never the only cue, and the pages print the same figures in a table.
 */
import type { PopulationTracking } from '../population/get-population-tracking.ts';
import { escapeXml } from '../xml.ts';

export interface PopulationChartWords {
  title: string;
  description: string;
  observed: string;
  vision: string;
  noData: string;
  /** A figure as the page prints it (168,563人). */
  value: (n: number) => string;
}

const W = 640;
const H = 300;
const PAD = { left: 76, right: 20, top: 24, bottom: 64 };
const OBSERVED = '#1d4e89';
const VISION = '#9a3412';
/** Other series: grey and brown tones with their own dash patterns. */
const OTHERS = [
  { color: '#52606d', dash: '2 3' },
  { color: '#7b5e3b', dash: '8 3 2 3' },
  { color: '#3e6b48', dash: '4 4' },
  { color: '#6b4f7b', dash: '10 4' },
];

const r = (n: number) => Math.round(n * 10) / 10;

export function populationChart(id: string, tracking: PopulationTracking, words: PopulationChartWords): string {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" class="chart population" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">
<title id="${titleId}">${escapeXml(words.title)}</title>
<desc id="${descId}">${escapeXml(words.description)}</desc>`;
  const vision = tracking.path;
  const observed = tracking.observations.map((o) => ({ at: o.year, value: o.total }));
  const others = tracking.others.map((s) => ({ label: s.label, points: s.points.map((p) => ({ at: p.at, value: p.value })) }));
  const all = [...vision, ...observed, ...others.flatMap((s) => s.points)];
  if (all.length === 0) return `${head}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="14" fill="#52606d">${escapeXml(words.noData)}</text></svg>`;

  const x0 = Math.floor(Math.min(...all.map((p) => p.at)) / 5) * 5;
  const x1 = Math.ceil(Math.max(...all.map((p) => p.at), x0 + 5) / 5) * 5;
  const low = Math.min(...all.map((p) => p.value));
  const high = Math.max(...all.map((p) => p.value));
  // A city's population moves by thousands a year: gridlines every 1, 2, 5 or 10 ten-thousands.
  const step = [1, 2, 5, 10, 20, 50].map((n) => n * 10_000).find((s) => (high - low) / s <= 6) ?? 1_000_000;
  const yMin = Math.floor(low / step) * step;
  const yMax = (Math.floor(high / step) + 1) * step;
  const sx = (at: number) => PAD.left + ((at - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom);
  const path = (list: { at: number; value: number }[]) => list.map((p, i) => `${i ? 'L' : 'M'}${r(sx(p.at))} ${r(sy(p.value))}`).join(' ');
  const parts = [head];

  for (let v = yMin; v <= yMax + step / 2; v += step) {
    const y = r(sy(v));
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e4e7eb"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#52606d">${escapeXml(words.value(v))}</text>`);
  }
  for (let year = x0; year <= x1; year += 5) {
    const x = r(sx(year));
    parts.push(`<line x1="${x}" x2="${x}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom + 4}" stroke="#9aa5b1"/>`);
    parts.push(`<text x="${x}" y="${H - PAD.bottom + 17}" text-anchor="middle" font-size="11" fill="#52606d">${year}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#9aa5b1"/>`);

  others.forEach((s, i) => {
    const style = OTHERS[i % OTHERS.length]!;
    if (s.points.length > 1) parts.push(`<path d="${path(s.points)}" fill="none" stroke="${style.color}" stroke-width="1.5" stroke-dasharray="${style.dash}"/>`);
    for (const p of s.points) parts.push(`<circle cx="${r(sx(p.at))}" cy="${r(sy(p.value))}" r="3" fill="#fff" stroke="${style.color}" stroke-width="1.5"/>`);
  });
  if (vision.length > 1) parts.push(`<path d="${path(vision)}" fill="none" stroke="${VISION}" stroke-width="2" stroke-dasharray="6 4"/>`);
  for (const p of vision) parts.push(diamond(sx(p.at), sy(p.value), VISION));
  if (observed.length > 1) parts.push(`<path d="${path(observed)}" fill="none" stroke="${OBSERVED}" stroke-width="2.5"/>`);
  for (const p of observed) parts.push(`<circle class="observed" cx="${r(sx(p.at))}" cy="${r(sy(p.value))}" r="4" fill="${OBSERVED}"><title>${p.at}: ${escapeXml(words.value(p.value))}</title></circle>`);

  // Legend below the axis, two per row.
  const legend = [
    { label: words.observed, mark: (x: number, y: number) => `<line x1="${x}" x2="${x + 18}" y1="${y}" y2="${y}" stroke="${OBSERVED}" stroke-width="2.5"/><circle cx="${x + 9}" cy="${y}" r="3.5" fill="${OBSERVED}"/>` },
    { label: words.vision, mark: (x: number, y: number) => `<line x1="${x}" x2="${x + 18}" y1="${y}" y2="${y}" stroke="${VISION}" stroke-width="2" stroke-dasharray="6 4"/>${diamond(x + 9, y, VISION)}` },
    ...others.map((s, i) => {
      const style = OTHERS[i % OTHERS.length]!;
      return { label: s.label, mark: (x: number, y: number) => `<line x1="${x}" x2="${x + 18}" y1="${y}" y2="${y}" stroke="${style.color}" stroke-width="1.5" stroke-dasharray="${style.dash}"/><circle cx="${x + 9}" cy="${y}" r="3" fill="#fff" stroke="${style.color}"/>` };
    }),
  ];
  const columns = 3;
  legend.forEach((item, i) => {
    const x = PAD.left + (i % columns) * ((W - PAD.left) / columns);
    const y = H - PAD.bottom + 32 + Math.floor(i / columns) * 16;
    parts.push(`<g aria-hidden="true">${item.mark(x, y)}<text x="${x + 24}" y="${y + 4}" font-size="11" fill="#1f2933">${escapeXml(item.label)}</text></g>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function diamond(x: number, y: number, color: string): string {
  return `<path d="M${r(x)} ${r(y - 5)} L${r(x + 5)} ${r(y)} L${r(x)} ${r(y + 5)} L${r(x - 5)} ${r(y)} Z" fill="${color}"/>`;
}
