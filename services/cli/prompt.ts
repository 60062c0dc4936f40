/**
 * Questions on the terminal for the set-up commands. On a TTY a secret is read with echo off,
 * key by key; when stdin is a pipe (scripts, tests) the answers are its lines, in order, so
 * `printf 'pw\npw\n' | npm run admin:create -- --email … --name …` works and nothing is echoed.
 */
import { stdin, stderr } from 'node:process';

export class PromptAborted extends Error {}

let piped: Promise<string[]> | undefined;

async function pipedLine(): Promise<string> {
  piped ??= (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  })();
  const lines = await piped;
  const line = lines.shift();
  if (line === undefined || (line === '' && lines.length === 0)) throw new PromptAborted('stdin ended before every answer was given');
  return line;
}

/** Asks a question; the answer is shown as typed. */
export async function ask(question: string): Promise<string> {
  if (!stdin.isTTY) return pipedLine();
  return readTty(question, true);
}

/** Asks for a secret: nothing typed is shown. */
export async function askSecret(question: string): Promise<string> {
  if (!stdin.isTTY) return pipedLine();
  return readTty(question, false);
}

function readTty(question: string, echo: boolean): Promise<string> {
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let answer = '';
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new PromptAborted('cancelled'));
        if (ch === '\u007f' || ch === '\b') {
          if (answer.length && echo) stderr.write('\b \b');
          answer = [...answer].slice(0, -1).join('');
        } else if (ch >= ' ') {
          answer += ch;
          if (echo) stderr.write(ch);
        }
      }
    };
    stdin.on('data', onData);
  });
}

/** `--name value` or `--name=value` from argv. */
export function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
