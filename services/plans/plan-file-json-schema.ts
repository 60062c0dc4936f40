import { PlanFile } from './plan-file.ts';

/** The plan file's JSON Schema (draft 2020-12) as committed in docs/plan-file.schema.json. */
export function planFileJsonSchema(): string {
  return JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...PlanFile }, null, 2) + '\n';
}
