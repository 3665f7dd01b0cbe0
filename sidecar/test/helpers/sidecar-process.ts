import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const SIDECAR_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface SidecarProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no flushing — what a crash looks like. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs the real sidecar entry point (src/main.ts via tsx, or dist/main.js when built=true) as a child process. */
export async function spawnSidecar(port: number, env: Record<string, string>, built = false, nodeArgs: string[] = []): Promise<SidecarProcess> {
  const args = [...nodeArgs, ...(built ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'])];
  const child = spawn(process.execPath, args, {
    cwd: SIDECAR_DIR,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sidecar exited with ${child.exitCode}: ${out}`);
    try {
      const res = await request(`${baseUrl}/healthz`);
      await res.body.dump();
      if (res.statusCode === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sidecar did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    baseUrl,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
