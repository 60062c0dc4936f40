/**
 * `npm run organization:create -- --code otherville --name 別の市 [--name-en 'Otherville City']`:
 * a further municipality on this install. Then `npm run plan:import` its plan and
 * `npm run admin:create -- --organization <code>` its first administrator.
 */
import { boot, exitOnBootError } from '../boot.ts';
import { systemContext } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { createOrganization } from '../organizations/create-organization.ts';
import { option } from './prompt.ts';

const args = process.argv.slice(2);
const code = option(args, 'code');
const name = option(args, 'name');
if (args.includes('--help') || !code || !name) {
  console.error('usage: npm run organization:create -- --code <code> --name <name> [--name-en <English name>]');
  process.exit(args.includes('--help') ? 0 : 1);
}

const deps = await boot(process.env).catch(exitOnBootError);
let exitCode = 0;
try {
  const org = await createOrganization({ ctx: systemContext(deps, 'organization:create'), input: { code, name, nameEn: option(args, 'name-en') } });
  console.log(`created organization ${org.code} (${org.name}); next: npm run plan:import -- <plan file naming "${org.code}">, npm run admin:create -- --organization ${org.code}`);
} catch (error) {
  exitCode = 1;
  console.error(`organization:create: ${error instanceof ServiceError || error instanceof Error ? error.message : String(error)}; nothing was created`);
} finally {
  await deps.close();
}
process.exit(exitCode);
