import { describe, expect, it } from 'vitest';
import { runViewQueries } from './view-queries';
import { QueryCancelledError } from '../engine/types';
import { workspace } from './workspace.svelte';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runViewQueries', () => {
  it('asks nothing while a load runs: busy, and no query until the effect runs again', async () => {
    const log: string[] = [];
    const before = workspace.status;
    workspace.status = 'loading';
    try {
      runViewQueries(async () => (log.push('queried'), () => log.push('commit')), { busy: (b) => log.push(`busy ${b}`), fail: (m) => log.push(`fail ${m}`) });
      await tick();
      expect(log).toEqual(['busy true']);
    } finally {
      workspace.status = before;
    }
  });

  it('commits the results of the current run and reports busy around it', async () => {
    const log: string[] = [];
    runViewQueries(async () => () => log.push('commit'), { busy: (b) => log.push(`busy ${b}`), fail: (m) => log.push(`fail ${m}`) });
    await tick();
    expect(log).toEqual(['busy true', 'commit', 'busy false']);
  });

  it('drops the results of an aborted run and passes the signal to the queries', async () => {
    const log: string[] = [];
    let seen: AbortSignal | null = null;
    const stop = runViewQueries(
      async (signal) => {
        seen = signal;
        await tick();
        return () => log.push('commit');
      },
      { busy: (b) => log.push(`busy ${b}`), fail: (m) => log.push(`fail ${m}`) },
    );
    stop();
    await tick();
    await tick();
    expect(seen!.aborted).toBe(true);
    expect(log).toEqual(['busy true']);
  });

  it('reports a failure, but not a cancellation', async () => {
    const log: string[] = [];
    const status = { busy: (b: boolean) => log.push(`busy ${b}`), fail: (m: string) => log.push(`fail ${m}`) };
    runViewQueries(async () => Promise.reject(new Error('Binder Error: no column x')), status);
    runViewQueries(async () => Promise.reject(new QueryCancelledError()), status);
    await tick();
    expect(log).toEqual(['busy true', 'busy true', 'fail Binder Error: no column x', 'busy false']);
  });
});
