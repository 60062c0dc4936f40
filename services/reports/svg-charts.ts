/**
 * Small charts for the public page as inline SVG: no script, readable when printed, and each
 * with a text alternative. (The staff pages have their own under services/http/pages/, with the
 * same status colours and escaping.)
 */
import { ORIENT_STATUSES, STATUS_COLORS, STATUS_LABELS, type OrientStatus } from '../orient/statuses.ts';
import { escapeXml } from '../xml.ts';

/** Best first, as citizens read a bar from left to right. */
const round = (x: number) => Math.round(x * 100) / 100;

/** How many KPIs are in each status, as one stacked bar. */
export function statusBar(counts: Record<OrientStatus, number>, options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 600;
  const height = options.height ?? 24;
  const total = ORIENT_STATUSES.reduce((n, s) => n + counts[s], 0);
  const parts = ORIENT_STATUSES.filter((s) => counts[s] > 0);
  const label = total ? parts.map((s) => `${STATUS_LABELS[s].ja} ${counts[s]}件`).join('、') : '指標なし';
  let x = 0;
  const rects = parts.map((s) => {
    const w = (counts[s] / total) * width;
    const rect = `<rect x="${round(x)}" y="0" width="${round(w)}" height="${height}" fill="${STATUS_COLORS[s]}"><title>${STATUS_LABELS[s].ja} ${counts[s]}件</title></rect>`;
    x += w;
    return rect;
  });
  return `<svg class="chart status-bar" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeXml(label)}" xmlns="http://www.w3.org/2000/svg">${rects.join('')}</svg>`;
}

/** How far a KPI has come towards its target: a bar to 100 %, with the part beyond it marked. */
export function progressBar(percent: number | null, status: OrientStatus, options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 120;
  const height = options.height ?? 12;
  if (percent === null) return `<svg class="chart progress" viewBox="0 0 ${width} ${height}" role="img" aria-label="進み具合は計算できません" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="${width}" height="${height}" fill="#f2f2f2" stroke="#bbb"/></svg>`;
  const filled = (Math.min(100, Math.max(0, percent)) / 100) * width;
  return (
    `<svg class="chart progress" viewBox="0 0 ${width} ${height}" role="img" aria-label="目標までの進み具合 ${percent}%" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#f2f2f2" stroke="#bbb"/>` +
    `<rect x="0" y="0" width="${round(filled)}" height="${height}" fill="${STATUS_COLORS[status]}"/>` +
    `</svg>`
  );
}
