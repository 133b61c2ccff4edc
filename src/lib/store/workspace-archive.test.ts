import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { exportWorkspace, importWorkspace, ArchiveError } from './workspace-archive';
import type { SavedChoices } from '../load/load-file';

const choices: SavedChoices = { mapping: { date: 'Order Date', amount: 'Sales' }, amountFormat: { decimal: ',' }, dateFormat: { kind: 'iso' } };

describe('workspace archive', () => {
  it('round-trips files byte for byte with the choices', async () => {
    const a = new File(['Order Date;Sales\n2025-01-01;1,5\n'], 'sales.csv');
    const b = new File([new Uint8Array([0xef, 0xbb, 0xbf, 0xe5, 0xae, 0xa2])], '客户.csv');
    const blob = await exportWorkspace([a, b], choices, new Date('2026-01-02T03:04:05Z'));
    const back = await importWorkspace(new File([blob], 'ws.zip'));
    expect(back.choices).toEqual(choices);
    expect(back.files.map((f) => f.name)).toEqual(['sales.csv', '客户.csv']);
    expect(await back.files[0].text()).toBe(await a.text());
    expect(new Uint8Array(await back.files[1].arrayBuffer())).toEqual(new Uint8Array(await b.arrayBuffer()));
    expect(back.work).toEqual({}); // nothing done on it
  });

  it('carries the work done on the workspace (plan versions, budget lines, saved queries)', async () => {
    const work = {
      plan: { targets: [{ period: '2026-01-01', unit_type: 'company', unit: 'ACME', amount: 100, version: 2, fiscal_year: 2026 }], versions: [] },
      budget: [{ period: '2026-01-01', unit_type: 'team', unit: 'North', line: 'revenue', amount: 50 }],
      queries: [{ name: 'Top', sql: 'SELECT 1' }],
    };
    const blob = await exportWorkspace([new File(['a,b\n1,2\n'], 'a.csv')], choices, new Date(), work);
    expect((await importWorkspace(new File([blob], 'ws.zip'))).work).toEqual(work);
  });

  it('refuses foreign, damaged and non-zip files with a reason', async () => {
    const reason = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof ArchiveError ? e.reason : `other: ${e}`));
    expect(await reason(importWorkspace(new File(['hello'], 'x.zip')))).toBe('not-zip');
    expect(await reason(importWorkspace(new File([zipSync({ 'a.txt': strToU8('x') })], 'other.zip')))).toBe('no-manifest');
    const foreign = zipSync({ 'targetscope.json': strToU8(JSON.stringify({ format: 'something-else' })) });
    expect(await reason(importWorkspace(new File([foreign], 'foreign.zip')))).toBe('foreign');
    const good = new Uint8Array(await (await exportWorkspace([new File(['a,b\n1,2\n'], 'a.csv')], choices)).arrayBuffer());
    expect(await reason(importWorkspace(new File([good.slice(0, good.length - 30)], 'truncated.zip')))).toBe('damaged');
    const missing = zipSync({ 'targetscope.json': strToU8(JSON.stringify({ format: 'targetscope-workspace-archive', version: 1, files: ['gone.csv'], choices })) });
    expect(await reason(importWorkspace(new File([missing], 'missing.zip')))).toBe('damaged');
  });
});
