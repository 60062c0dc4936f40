/** Child processes for the benchmarks (the API, the worker, the raw baseline server) and their peak memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  process: ChildProcess;
  /** Peak resident set size so far, in MB (the kernel's high-water mark, VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * Node's flags as `npm run api` and `npm run worker` pass them (package.json): P6 measures the
 * processes as they run. Without `--max-semi-space-size=16`, Node 24 sizes the young generation
 * from the machine's memory and an idle API holds about 130 MB more (docs/benchmarks.md, "Runtime").
 */
export const NODE_FLAGS = ['--max-semi-space-size=16'];

/** Starts `node <script>` (Node strips the types) with exactly `env` and resolves once it prints `ready`. */
export async function startChild(script: string, env: Record<string, string>, ready: string): Promise<Child> {
  const child = spawn(process.execPath, [...NODE_FLAGS, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${output.slice(-2000)}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    process: child,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
