/** The bench's table: every figure beside its raw baseline, the ratio and the target. Markdown, so docs/benchmarks.md can keep it. */
import { cpus, totalmem } from 'node:os';

export interface Row {
  id: string;
  what: string;
  product: string;
  raw: string;
  ratio: number;
  /** The ratio's target, e.g. "≥ 1.0×". */
  target: string;
  met: boolean;
}

export function table(rows: Row[]): string {
  const lines = [
    '| | Figure | Product | Raw baseline | Ratio | Target | Met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${r.what} | ${r.product} | ${r.raw} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
  ];
  return lines.join('\n');
}

export function machine(postgresVersion: string, organizations: number): string {
  const cpu = cpus();
  return [
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `- Node ${process.version}, ${postgresVersion.split(' on ')[0]}, Redis on loopback`,
    `- Data: ${organizations} municipalities, each with a plan shaped like Tomakomai's`,
    `- Run: ${new Date().toISOString()}`,
  ].join('\n');
}

export const fmt = {
  rate: (n: number, unit: string) => `${Math.round(n).toLocaleString('en')} ${unit}/s`,
  ms: (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`),
  mb: (n: number) => `${Math.round(n)} MB`,
};
