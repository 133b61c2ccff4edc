import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, zlibSync } from 'fflate';
import { DEFAULT_VIEW_STATE, ROUTES, type ViewState } from '../model/view-state';
import { DIMENSIONS } from '../model/schema';
import { MAX_SNAPSHOT_LINK, SNAPSHOT_PREFIX, decodeSnapshot, encodeSnapshot, type Snapshot } from './snapshot';
import { formatHash, parseHash } from './url-state';

function base(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 1,
    route: 'overview',
    view: { ...DEFAULT_VIEW_STATE, period: 'all', filters: { region: ['华东', 'a~b'] } },
    createdAt: '2026-11-27T10:00:00.000Z',
    source: 'sales 2026.csv',
    title: '概览',
    range: { start: '2023-01-01', end: '2026-11-24' },
    currency: 'CNY',
    kpis: [
      { kpi: 'revenue', label: '销售额', value: 329312345.67, display: '¥3.29亿', changes: [{ label: '同比', ratio: 0.112 }], note: '', unavailable: '', status: null },
      { kpi: 'attainment', label: '达成率', value: null, display: '—', changes: [], note: '', unavailable: '无目标', status: 'behind' },
    ],
    tables: [
      {
        name: 'trend',
        title: 'Monthly trend',
        columns: [
          { key: 'month', label: 'Month', format: 'month' },
          { key: 'revenue', label: 'Revenue', format: 'money' },
          { key: 'lastYear', label: 'Last year', format: 'money' },
        ],
        rows: [
          ['2026-01-01', 1234.5, null],
          ['2026-02-01', -5, 7],
        ],
      },
    ],
    notes: ['<script>window.__x=1</script> **bold**'],
    ...overrides,
  };
}

function encoded(s: Snapshot): string {
  const r = encodeSnapshot(s);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('snapshot codec', () => {
  it('round-trips a snapshot through a #/snapshot/ fragment', () => {
    const s = base();
    const link = encoded(s);
    expect(link.startsWith(SNAPSHOT_PREFIX)).toBe(true);
    expect(link.slice(SNAPSHOT_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSnapshot(link)).toEqual({ ok: true, value: s });
  });

  it('refuses a snapshot whose link would exceed the limit', () => {
    // Random-looking numbers do not compress: ~3000 rows × 3 numbers is far over 8 KB.
    const rows = Array.from({ length: 3000 }, (_, i) => [String(i), Math.sin(i) * 1e6, Math.cos(i) * 1e6]);
    const big = base({ tables: [{ ...base().tables[0], rows }] });
    const r = encodeSnapshot(big);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('too-large');
      expect(r.error.size).toBeGreaterThan(MAX_SNAPSHOT_LINK);
    }
  });

  it('gives typed errors for foreign, truncated, tampered and old links', () => {
    const link = encoded(base());
    expect(decodeSnapshot('#/snapshot/')).toMatchObject({ ok: false, error: { kind: 'not-a-snapshot' } });
    expect(decodeSnapshot('#/snapshot/hello world')).toMatchObject({ ok: false, error: { kind: 'not-a-snapshot' } });
    expect(decodeSnapshot(link.slice(0, link.length - 10))).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    const payload = (json: unknown) => SNAPSHOT_PREFIX + Buffer.from(zlibSync(strToU8(JSON.stringify(json)))).toString('base64url');
    expect(decodeSnapshot(payload({ hello: 'world' }))).toMatchObject({ ok: false, error: { kind: 'not-a-snapshot' } });
    expect(decodeSnapshot(payload({ ...base(), version: 2 }))).toMatchObject({ ok: false, error: { kind: 'unsupported-version' } });
    expect(decodeSnapshot(payload({ ...base(), view: '#/overview', route: 'nowhere' }))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const badKpi = { ...base(), view: '#/overview', kpis: [{ ...base().kpis[0], value: 'NaN' }] };
    expect(decodeSnapshot(payload(badKpi))).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringContaining('kpis[0].value') } });
  });

  const text = fc.string({ maxLength: 20 });
  const num = fc.double({ noNaN: true, noDefaultInfinity: true });
  const view: fc.Arbitrary<ViewState> = fc
    .record({
      route: fc.constantFrom(...ROUTES),
      period: fc.constantFrom('ytd' as const, 'all' as const, 'mtd' as const),
      filters: fc.dictionary(fc.constantFrom(...DIMENSIONS), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })),
    })
    .map((v) => ({ ...DEFAULT_VIEW_STATE, ...v }));
  const snapshot: fc.Arbitrary<Snapshot> = fc
    .record({
      view,
      source: text,
      title: text,
      kpis: fc.array(
        fc.record({
          kpi: text,
          label: text,
          value: fc.option(num, { nil: null }),
          display: text,
          changes: fc.array(fc.record({ label: text, ratio: fc.option(num, { nil: null }) }), { maxLength: 2 }),
          note: text,
          unavailable: text,
          status: fc.constantFrom(null, 'ahead' as const, 'at-risk' as const),
        }),
        { maxLength: 6 },
      ),
      rows: fc.array(fc.tuple(fc.option(text, { nil: null }), fc.option(num, { nil: null })), { maxLength: 30 }),
      notes: fc.array(text, { maxLength: 3 }),
    })
    .map(({ view, rows, ...rest }) => ({
      ...base(),
      ...rest,
      route: view.route,
      view,
      tables: [{ name: 't', title: 't', columns: [{ key: 'a', label: 'A', format: 'text' as const }, { key: 'b', label: 'B', format: 'number' as const }], rows }],
    }));

  it('round-trips any snapshot (property)', () => {
    fc.assert(
      fc.property(snapshot, (s) => {
        const r = encodeSnapshot(s);
        if (!r.ok) return r.error.kind === 'too-large';
        const back = decodeSnapshot(r.value);
        // -0 becomes 0 in JSON; the URL codec normalises the view.
        const expected = JSON.parse(JSON.stringify({ ...s, view: parseHash(formatHash(s.view)) }));
        expect(back.ok && JSON.parse(JSON.stringify(back.value))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('random corruption gives the original or a typed error, never a throw (property)', () => {
    const link = encoded(base());
    const payload = link.slice(SNAPSHOT_PREFIX.length);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_%!=';
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), ch: fc.constant('') }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), ch: fc.constant('') }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let p = payload;
        for (const e of edits) {
          const at = e.at % (p.length + 1);
          if (e.kind === 'replace') p = p.slice(0, at) + e.ch + p.slice(at + 1);
          else if (e.kind === 'delete') p = p.slice(0, at) + p.slice(at + 1);
          else if (e.kind === 'insert') p = p.slice(0, at) + e.ch + p.slice(at);
          else p = p.slice(0, at);
        }
        const r = decodeSnapshot(SNAPSHOT_PREFIX + p);
        if (r.ok) expect(r.value).toEqual(base());
        else expect(['corrupt', 'not-a-snapshot', 'invalid', 'unsupported-version', 'too-large']).toContain(r.error.kind);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = decodeSnapshot(SNAPSHOT_PREFIX + s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
