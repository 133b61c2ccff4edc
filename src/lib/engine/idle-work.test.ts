import { describe, expect, it } from 'vitest';
import { IdleWork } from './idle-work';
import { QueryCancelledError } from './types';

const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

/** A job that takes `ms` and rejects with QueryCancelledError when its signal aborts, like a cancelled DuckDB query. */
function slowJob(ms: number, log: string[]) {
  return (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      log.push('start');
      const timer = setTimeout(() => {
        log.push('done');
        resolve();
      }, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        log.push('cancelled');
        reject(new QueryCancelledError());
      });
    });
}

describe('IdleWork', () => {
  it('runs the job once the engine has been idle long enough', async () => {
    const work = new IdleWork(30);
    const log: string[] = [];
    await work.foreground(async () => log.push('query'));
    const done = work.whenIdle(slowJob(5, log), new AbortController().signal);
    await tick(10);
    expect(log).toEqual(['query']); // still within the idle delay
    expect(await done).toBe(true);
    expect(log).toEqual(['query', 'start', 'done']);
  });

  it('a foreground query cancels the running job, which restarts after the next idle period', async () => {
    const work = new IdleWork(20);
    const log: string[] = [];
    const done = work.whenIdle(slowJob(60, log), new AbortController().signal);
    await tick(30);
    expect(log).toEqual(['start']);
    await work.foreground(async () => log.push('query'));
    expect(await done).toBe(true);
    expect(log).toEqual(['start', 'cancelled', 'query', 'start', 'done']);
  });

  it('a foreground query cancels every background job in progress, not only the last one started', async () => {
    const work = new IdleWork(10);
    const a: string[] = [];
    const b: string[] = [];
    const doneA = work.whenIdle(slowJob(80, a), new AbortController().signal);
    const doneB = work.whenIdle(slowJob(80, b), new AbortController().signal);
    await tick(30);
    expect([a, b]).toEqual([['start'], ['start']]);
    await work.foreground(async () => undefined);
    expect([a[1], b[1]]).toEqual(['cancelled', 'cancelled']);
    expect(await Promise.all([doneA, doneB])).toEqual([true, true]);
  });

  it('never starts while a foreground query is running', async () => {
    const work = new IdleWork(0);
    const log: string[] = [];
    let release!: () => void;
    const query = work.foreground(() => new Promise<void>((r) => (release = r)));
    const done = work.whenIdle(slowJob(1, log), new AbortController().signal);
    await tick(30);
    expect(log).toEqual([]);
    release();
    await query;
    expect(await done).toBe(true);
    expect(log).toEqual(['start', 'done']);
  });

  it('stops when its own signal aborts, before or during the job', async () => {
    const work = new IdleWork(0);
    const log: string[] = [];
    const before = new AbortController();
    before.abort();
    expect(await work.whenIdle(slowJob(1, log), before.signal)).toBe(false);
    const during = new AbortController();
    const done = work.whenIdle(slowJob(100, log), during.signal);
    await tick(20);
    during.abort();
    expect(await done).toBe(false);
    expect(log).toEqual(['start', 'cancelled']);
  });

  it('passes on errors that are not cancellations', async () => {
    const work = new IdleWork(0);
    await expect(work.whenIdle(async () => Promise.reject(new Error('no memory')), new AbortController().signal)).rejects.toThrow('no memory');
  });
});
