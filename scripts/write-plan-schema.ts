/** `npm run plan:schema`: writes docs/plan-file.schema.json from the TypeBox definition (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { planFileJsonSchema } from '../services/plans/plan-file-json-schema.ts';

writeFileSync('docs/plan-file.schema.json', planFileJsonSchema());
console.log('wrote docs/plan-file.schema.json');
