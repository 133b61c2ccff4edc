/**
 * Background work on the engine that never makes the user wait: it starts
 * only after the engine has been idle for a while, and any foreground query
 * cancels it (it is then retried at the next idle moment). DuckDB-WASM runs
 * one query at a time, so a multi-second background statement would
 * otherwise hold up every filter change behind it.
 */
import { QueryCancelledError } from './types';

export class IdleWork {
  private active = 0;
  private lastActivity = -Infinity;
  /** Background jobs in progress (several may wait for the same idle moment). */
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Wraps every foreground query: cancels the background job in progress and delays the next one. */
  async foreground<T>(job: () => Promise<T>): Promise<T> {
    this.active++;
    for (const job of this.running) job.abort();
    try {
      return await job();
    } finally {
      this.active--;
      this.lastActivity = this.now();
    }
  }

  /**
   * Runs `job` once the engine has been idle for `idleMs` (the instance's by default); restarts it when a
   * foreground query interrupts it. Resolves true when it completed, false
   * when `signal` aborted first. Other errors of the job are thrown.
   */
  async whenIdle(job: (signal: AbortSignal) => Promise<void>, signal: AbortSignal, idleMs = this.idleMs): Promise<boolean> {
    while (!signal.aborted) {
      const wait = idleMs - (this.now() - this.lastActivity);
      if (this.active > 0 || wait > 0) {
        await this.sleep(Math.max(wait, 10));
        continue;
      }
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      signal.addEventListener('abort', stop, { once: true });
      this.running.add(attempt);
      try {
        await job(attempt.signal);
        if (!attempt.signal.aborted) return true;
      } catch (e) {
        if (!(e instanceof QueryCancelledError) && !attempt.signal.aborted) throw e;
      } finally {
        signal.removeEventListener('abort', stop);
        this.running.delete(attempt);
      }
    }
    return false;
  }
}
