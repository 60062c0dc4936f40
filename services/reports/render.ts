/** Renders the report templates (templates/reports/*.eta): escaped by default, cached after first use. */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

const eta = new Eta({
  views: fileURLToPath(new URL('../../templates/reports/', import.meta.url)),
  cache: true,
  autoEscape: true,
});

export function renderReport(template: 'revised-strategy' | 'committee-packet' | 'public-progress' | 'close-out', data: object): string {
  return eta.render(`./${template}`, data);
}
