/**
 * `npm run admin:create [-- --email a@city.jp --name '管理 花子' --organization tomakomai]`:
 * creates an administrator. Asks what is not given; the password is always asked (twice, never
 * echoed) or read from stdin when it is a pipe. Exit code 1 with one clear line on any problem.
 */
import { boot, exitOnBootError } from '../boot.ts';
import { systemContext } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { createAdmin } from '../users/create-admin.ts';
import { ask, askSecret, option, PromptAborted } from './prompt.ts';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: npm run admin:create -- [--email <address>] [--name <name>] [--organization <code>] [--locale ja|en]\n(the password is asked twice, or read from stdin: two lines)');
  process.exit(0);
}

const fail = (message: string): never => {
  console.error(`admin:create: ${message}`);
  process.exit(1);
};

let email = option(args, 'email');
let name = option(args, 'name');
const organizationCode = option(args, 'organization');
const locale = option(args, 'locale');
if (locale !== undefined && locale !== 'ja' && locale !== 'en') fail(`locale: must be ja or en, got "${locale}"`);

let password: string;
try {
  email ??= await ask('メールアドレス / Email: ');
  name ??= await ask('氏名 / Name: ');
  password = await askSecret('パスワード（12文字以上） / Password (12+ characters): ');
  const again = await askSecret('パスワード（確認） / Password again: ');
  if (password !== again) fail('password: the two passwords differ; nothing was created');
} catch (error) {
  if (error instanceof PromptAborted) fail(`${error.message}; nothing was created`);
  throw error;
}

const deps = await boot(process.env).catch(exitOnBootError);
let exitCode = 0;
try {
  const { user, organization } = await createAdmin({ ctx: systemContext(deps, 'admin:create'), input: { email, name, password: password!, organizationCode, locale: locale as 'ja' | 'en' | undefined } });
  console.log(`created administrator ${user.email} (${user.name}) for ${organization.name}; sign in at ${deps.config.publicUrl}/login`);
} catch (error) {
  exitCode = 1;
  const message = error instanceof ServiceError ? error.message.replace(/^body\./, '') : (error as Error).message;
  console.error(`admin:create: ${message}; nothing was created`);
} finally {
  await deps.close();
}
process.exit(exitCode);
