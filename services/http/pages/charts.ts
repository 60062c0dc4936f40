/**
 * Server-rendered SVG charts (no script, no inline style: the CSP allows neither). Pure
 * functions from figures to markup; every text is escaped. The trend chart carries a title and
 * a description for screen readers, and the page puts the same figures in a table next to it.
 */
import { escapeXml } from '../../xml.ts';

export interface Point {
  fiscalYear: number;
  value: number;
}

export interface TrendChartInput {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  name: string;
  baseline: Point | null;
  actuals: (Point & { cancelled?: boolean })[];
  targets: Point[];
  /** The expected trajectory: the origin, interim targets and the final target. */
  expected: Point[];
  /** The fiscal year being judged, marked with a vertical line. */
  currentFiscalYear?: number;
  /** Where one plan's period gives way to the next (a continued KPI): a line before that year, labelled 「第2期 → 第3期」. */
  breaks?: { fiscalYear: number; label: string }[];
  labels: { baseline: string; actual: string; target: string; expected: string; noData: string };
  /** A figure with its unit, as the page prints it. */
  formatValue: (value: number) => string;
  /** A short year label for the axis (R6 / 2024). */
  formatYear: (fiscalYear: number) => string;
  /** One sentence describing the figures, for the SVG's description. */
  description: string;
}

const W = 600;
const H = 260;
const PAD = { left: 64, right: 20, top: 44, bottom: 36 };
const COLORS = { actual: '#1d4e89', target: '#9a3412', expected: '#52606d', baseline: '#334e68', grid: '#e4e7eb', axis: '#9aa5b1', current: '#f0b429' };

/** Round axis steps: 1, 2 or 5 times a power of ten. */
export function niceStep(range: number, ticks = 4): number {
  if (!(range > 0)) return 1;
  const raw = range / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

export function trendChart(input: TrendChartInput): string {
  const { id } = input;
  const points = [...(input.baseline ? [input.baseline] : []), ...input.actuals, ...input.targets, ...input.expected];
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">
<title id="${titleId}">${escapeXml(input.name)}</title>
<desc id="${descId}">${escapeXml(input.description)}</desc>`;
  if (points.length === 0) {
    return `${head}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="14" fill="${COLORS.expected}">${escapeXml(input.labels.noData)}</text></svg>`;
  }

  const years = points.map((p) => p.fiscalYear).concat(input.currentFiscalYear ?? []);
  const x0 = Math.min(...years);
  const x1 = Math.max(...years, x0 + 1);
  const values = points.map((p) => p.value);
  const low = Math.min(0, ...values);
  const high = Math.max(...values, low + 1);
  const step = niceStep(high - low);
  const yMin = Math.floor(low / step) * step;
  const yMax = Math.ceil((high * 1.05) / step) * step;
  const sx = (fy: number) => PAD.left + ((fy - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom);
  const r = (n: number) => Math.round(n * 10) / 10;
  const parts: string[] = [head];

  // Grid and axes
  for (let v = yMin; v <= yMax + step / 2; v += step) {
    const y = r(sy(v));
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#52606d">${escapeXml(input.formatValue(r(v * 1000) / 1000))}</text>`);
  }
  for (let fy = x0; fy <= x1; fy++) {
    const x = r(sx(fy));
    parts.push(`<line x1="${x}" x2="${x}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom + 4}" stroke="${COLORS.axis}"/>`);
    parts.push(`<text x="${x}" y="${H - PAD.bottom + 18}" text-anchor="middle" font-size="11" fill="#52606d">${escapeXml(input.formatYear(fy))}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="${COLORS.axis}"/>`);
  if (input.currentFiscalYear !== undefined) {
    const x = r(sx(input.currentFiscalYear));
    parts.push(`<line x1="${x}" x2="${x}" y1="${PAD.top - 6}" y2="${H - PAD.bottom}" stroke="${COLORS.current}" stroke-width="2" stroke-dasharray="2 3"/>`);
  }

  for (const b of input.breaks ?? []) {
    const x = r(sx(b.fiscalYear - 0.5));
    parts.push(`<g class="period-break"><line x1="${x}" x2="${x}" y1="${PAD.top - 6}" y2="${H - PAD.bottom}" stroke="${COLORS.axis}" stroke-width="1.5" stroke-dasharray="4 3"/><text x="${x + 4}" y="${PAD.top + 6}" font-size="11" fill="#3e4c59">${escapeXml(b.label)}</text></g>`);
  }

  // Expected trajectory (dashed), targets (diamonds), baseline (square), actuals (line with circles)
  const path = (list: Point[]) => list.map((p, i) => `${i ? 'L' : 'M'}${r(sx(p.fiscalYear))} ${r(sy(p.value))}`).join(' ');
  if (input.expected.length > 1) parts.push(`<path d="${path(input.expected)}" fill="none" stroke="${COLORS.expected}" stroke-width="2" stroke-dasharray="6 4"/>`);
  for (const t of input.targets) parts.push(diamond(sx(t.fiscalYear), sy(t.value), COLORS.target));
  if (input.baseline) parts.push(square(sx(input.baseline.fiscalYear), sy(input.baseline.value), COLORS.baseline));
  const actuals = [...input.actuals].sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (actuals.length > 1) parts.push(`<path d="${path(actuals)}" fill="none" stroke="${COLORS.actual}" stroke-width="2.5"/>`);
  for (const a of actuals) {
    const cx = r(sx(a.fiscalYear));
    const cy = r(sy(a.value));
    parts.push(`<circle cx="${cx}" cy="${cy}" r="4.5" fill="${a.cancelled ? '#fff' : COLORS.actual}" stroke="${COLORS.actual}" stroke-width="2"/>`);
  }
  const last = actuals.at(-1);
  if (last) {
    parts.push(`<text x="${r(sx(last.fiscalYear))}" y="${r(sy(last.value)) - 10}" text-anchor="middle" font-size="12" font-weight="700" fill="${COLORS.actual}">${escapeXml(input.formatValue(last.value))}</text>`);
  }

  // Legend: shapes and words, so colour is never the only cue.
  const legend = [
    { label: input.labels.actual, mark: (x: number) => `<line x1="${x}" x2="${x + 18}" y1="14" y2="14" stroke="${COLORS.actual}" stroke-width="2.5"/><circle cx="${x + 9}" cy="14" r="4" fill="${COLORS.actual}"/>` },
    { label: input.labels.expected, mark: (x: number) => `<line x1="${x}" x2="${x + 18}" y1="14" y2="14" stroke="${COLORS.expected}" stroke-width="2" stroke-dasharray="6 4"/>` },
    { label: input.labels.target, mark: (x: number) => diamond(x + 9, 14, COLORS.target) },
    { label: input.labels.baseline, mark: (x: number) => square(x + 9, 14, COLORS.baseline) },
  ];
  let lx = PAD.left;
  for (const item of legend) {
    parts.push(`<g aria-hidden="true">${item.mark(lx)}<text x="${lx + 24}" y="18" font-size="12" fill="#1f2933">${escapeXml(item.label)}</text></g>`);
    lx += 34 + textWidth(item.label, 12);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** About how wide a label is drawn: full-width characters are square, others about 0.6 em. */
function textWidth(text: string, size: number): number {
  return [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.6), 0);
}

function diamond(x: number, y: number, color: string): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return `<path d="M${r(x)} ${r(y - 6)} L${r(x + 6)} ${r(y)} L${r(x)} ${r(y + 6)} L${r(x - 6)} ${r(y)} Z" fill="${color}"/>`;
}

function square(x: number, y: number, color: string): string {
  return `<rect x="${Math.round((x - 5) * 10) / 10}" y="${Math.round((y - 5) * 10) / 10}" width="10" height="10" fill="${color}"/>`;
}

/** A thin stacked bar of status counts (decorative: the counts are printed next to it). */
export function statusBar(counts: { status: string; count: number; color: string }[]): string {
  const total = counts.reduce((s, c) => s + c.count, 0);
  if (total === 0) return '';
  let x = 0;
  const rects = counts
    .filter((c) => c.count > 0)
    .map((c) => {
      const w = (c.count / total) * 100;
      const rect = `<rect x="${Math.round(x * 100) / 100}" y="0" width="${Math.round(w * 100) / 100}" height="8" fill="${c.color}"/>`;
      x += w;
      return rect;
    });
  return `<svg class="status-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">${rects.join('')}</svg>`;
}
