/**
 * The built site under `vite preview`, in its own process group so that
 * stopping it also stops npx's child node process.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PreviewServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPreview(opts: { cwd: string; outDir: string; base: string; port: number; timeoutMs?: number }): Promise<PreviewServer> {
  const { cwd, outDir, base, port } = opts;
  const url = `http://127.0.0.1:${port}${base}`;
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--base', base, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const pid = child.pid;
  if (!pid) throw new Error('vite preview did not start');

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited !== null) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 30 && exited === null; i++) await sleep(100);
    if (exited === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`vite preview exited (${exited}):\n${output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { url, pid, stop };
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`vite preview did not answer at ${url} within ${opts.timeoutMs ?? 30_000} ms:\n${output}`);
}
