/** HTTP load from wrk (a C load generator, in its own process): throughput and p99 latency of one URL. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BENCH_PASSWORD } from './generate.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers other than 2xx/3xx, and socket errors. */
  failures: number;
}

export async function load(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  // A 10 s timeout (wrk's default is 2 s): a slow page is measured, not dropped as a socket error.
  const { stdout } = await promisify(execFile)('wrk', ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '--latency', ...headers, url]);
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? 0);
  const p99 = /\n\s*99%\s+([\d.]+)(us|ms|s)\b/.exec(stdout);
  if (!p99) throw new Error(`could not read wrk's output:\n${stdout}`);
  const p99Ms = Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'];
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)?.slice(1).reduce((sum, n) => sum + Number(n), 0) ?? 0;
  return { requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/), p99Ms, failures: number(/Non-2xx or 3xx responses: (\d+)/) + socketErrors };
}

/** Signs in through the API (the organization's code, as people do) and returns the session cookie, which the pages take too. */
export async function signIn(base: string, organization: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organization, email, password: BENCH_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
