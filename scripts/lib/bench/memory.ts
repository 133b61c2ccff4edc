/**
 * Total resident memory of a process tree (the browser and its renderer,
 * GPU and utility processes), sampled from /proc every `intervalMs`.
 * RSS is summed per process, so shared pages count more than once — the
 * usual caveat of "total RSS", fine for comparing sizes.
 */
import fs from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid … — comm may contain spaces and parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return null;
  }
}

function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Descendants of `root` (not root itself), skipping the subtrees of `exclude`. */
export function descendants(root: number, exclude: Set<number> = new Set()): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    if (exclude.has(pid)) continue;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface RssSample {
  t: number;
  mb: number;
}

export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  readonly samples: RssSample[] = [];

  constructor(
    private readonly root: number,
    private readonly exclude: Set<number>,
    private readonly intervalMs = 200,
  ) {}

  sample(): number {
    const kb = descendants(this.root, this.exclude).reduce((s, pid) => s + rssKb(pid), 0);
    const mb = kb / 1024;
    this.samples.push({ t: Date.now(), mb });
    return mb;
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Highest sample in [from, to] (Date.now() times). */
  peak(from: number, to: number = Date.now()): number | null {
    let best: number | null = null;
    for (const s of this.samples) if (s.t >= from && s.t <= to && (best === null || s.mb > best)) best = s.mb;
    return best;
  }

  /** Pids in the tree right now (for a forced cleanup). */
  pids(): number[] {
    return descendants(this.root, this.exclude);
  }
}
