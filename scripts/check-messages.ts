/**
 * The message catalogue's audit (`npm run lint:messages`, part of `npm run lint`):
 *  - every key the code or a template names exists in the Japanese catalogue (templates are Eta,
 *    so the compiler does not see their `it.t('…')`);
 *  - every key in the catalogue is used somewhere, literally or under a prefix the code builds
 *    at run time (`t(\`phases.${phase}\`)` uses every `phases.*`).
 * Prints each problem with its file and exits 1 if there is any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ja } from '../services/i18n/messages/ja.ts';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['services', 'jobs', 'templates', 'workflows', 'db'];
const CATALOGUE = /services\/i18n\/messages\//;

function leaves(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.(ts|eta)$/.test(entry.name) ? [path] : [];
  });
}

const keys = new Set(leaves(ja));
const topLevel = new Set(Object.keys(ja));
const files = SOURCES.flatMap((dir) => filesUnder(join(ROOT, dir))).filter((file) => !CATALOGUE.test(file));

const literals = new Set<string>();
const prefixes = new Set<string>();
const problems: string[] = [];

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  // Any quoted dotted name that starts with a catalogue block counts as a use (keys travel in
  // tables and as error fields before they reach t()).
  for (const [, key] of text.matchAll(/['"`]([a-zA-Z][\w]*(?:\.[\w]+)+)['"`]/g)) {
    if (topLevel.has(key!.split('.')[0]!)) literals.add(key!);
  }
  // A key built at run time: `block.sub.${…}` or 'block.sub.' + …
  for (const [, prefix] of text.matchAll(/[`'"]([a-zA-Z][\w]*(?:\.[\w]+)*\.)(?:\$\{|['"]\s*\+)/g)) {
    if (topLevel.has(prefix!.split('.')[0]!)) prefixes.add(prefix!);
  }
  // A key a template or a call names literally must exist.
  for (const [, key] of text.matchAll(/\bt\(\s*['"]([^'"]*[^'".])['"]/g)) {
    if (!keys.has(key!)) problems.push(`${relative(ROOT, file)}: t('${key}') is not in the catalogue`);
  }
}

for (const key of keys) {
  const used = literals.has(key) || [...prefixes].some((prefix) => key.startsWith(prefix));
  if (!used) problems.push(`services/i18n/messages/ja.ts: '${key}' is never used`);
}

for (const problem of problems) console.log(problem);
console.log(`[messages] ${keys.size} keys, ${files.length} files read, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
