/**
 * Figures a suite wants CI to print (faults survived, inputs tried, route × role cells):
 * appended as JSON lines to test-artifacts/counts.jsonl, which .ci/run prints before its
 * final line. Record a figure only after the assertions that make it true have passed.
 */
import { appendFileSync, mkdirSync } from 'node:fs';

export const COUNTS_FILE = 'test-artifacts/counts.jsonl';

export function recordCount(name: string, value: number, detail = '') {
  mkdirSync('test-artifacts', { recursive: true });
  appendFileSync(COUNTS_FILE, `${JSON.stringify({ name, value, detail })}\n`);
  console.log(`[count] ${name}: ${value}${detail ? ` (${detail})` : ''}`);
}
