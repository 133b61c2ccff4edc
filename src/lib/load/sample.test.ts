import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, publishedWorkspaceFolder } from './sample';

describe('which published workspace a link opens', () => {
  it('data/ by default; a named folder of the site; nothing that leaves it', () => {
    expect(publishedWorkspaceFolder('')).toBe('data');
    expect(publishedWorkspaceFolder('?workspace=sales-2025')).toBe('sales-2025');
    expect(publishedWorkspaceFolder('?x=1&workspace=ws/east_2025/')).toBe('ws/east_2025');
    for (const bad of ['https://evil.example/', '//evil.example', '../secret', 'a/../b', '', 'a b']) {
      expect(() => publishedWorkspaceFolder(`?workspace=${encodeURIComponent(bad)}`)).toThrow(ManifestError);
      try {
        publishedWorkspaceFolder(`?workspace=${encodeURIComponent(bad)}`);
      } catch (e) {
        expect(e).toMatchObject({ code: 'bad-folder', where: bad });
      }
    }
  });

  it('a manifest may ask for its database to be read on demand; anything but true means download', () => {
    const base = { format: 'targetscope-workspace', database: 'workspace.duckdb', tables: { sales: 'sales' } };
    expect(parseManifest({ ...base, readOnDemand: true }).readOnDemand).toBe(true);
    expect(parseManifest({ ...base, readOnDemand: 'yes' }).readOnDemand).toBe(false);
    expect(parseManifest(base).readOnDemand).toBe(false);
  });

  it('a manifest’s summary of the sales is used only when it is one (else the page measures the sales)', () => {
    const base = { format: 'targetscope-workspace', database: 'workspace.duckdb', tables: { sales: 'sales' } };
    const summary = { rows: 12, dataStart: '2024-01-02', dataEnd: '2025-06-30', fields: ['date', 'amount', 'region'] };
    // A summary written before the grain was measured is of daily data; a measured grain is kept.
    expect(parseManifest({ ...base, summary }).summary).toEqual({ ...summary, grain: 'day' });
    expect(parseManifest({ ...base, summary: { ...summary, grain: 'month' } }).summary).toEqual({ ...summary, grain: 'month' });
    expect(parseManifest(base).summary).toBeUndefined();
    for (const bad of [{ ...summary, rows: -1 }, { ...summary, rows: '12' }, { ...summary, dataEnd: '30/06/2025' }, { ...summary, fields: ['date', 'margin'] }, 'summary']) {
      expect(parseManifest({ ...base, summary: bad }).summary).toBeUndefined();
    }
  });
});
