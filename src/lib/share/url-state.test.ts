import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHash, parseHash } from './url-state';
import { DEFAULT_VIEW_STATE, ROUTES, type ViewState } from '../model/view-state';
import { PERIOD_PRESETS } from '../model/period';
import { DIMENSIONS } from '../model/schema';

describe('URL state', () => {
  it('defaults for an empty hash', () => {
    expect(parseHash('')).toEqual(DEFAULT_VIEW_STATE);
  });

  it('reads the contract hash #/overview?period=all', () => {
    const s = parseHash('#/overview?period=all');
    expect(s.route).toBe('overview');
    expect(s.period).toBe('all');
  });

  it('keeps Chinese values, separators and quotes in filters', () => {
    const state: ViewState = { ...DEFAULT_VIEW_STATE, route: 'sql', filters: { region: ['华东', 'a~b', "O'Brien & Co", '50%'] } };
    const hash = formatHash(state);
    expect(hash).not.toMatch(/[华东]/); // percent-encoded
    expect(parseHash(hash)).toEqual(state);
  });

  it('keeps view options', () => {
    const state: ViewState = { ...DEFAULT_VIEW_STATE, options: { abcA: '0.8', dim: 'region', 'a&b=c': '1~2' } };
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('ignores invalid values instead of failing', () => {
    const s = parseHash('#/nowhere?period=decade&fy=13&asof=2026-13-45&f.bogus=x&cmp=zzz');
    expect(s).toEqual(DEFAULT_VIEW_STATE);
  });

  it('round-trips any valid state (property)', () => {
    const date = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const filters = fc.dictionary(
      fc.constantFrom(...DIMENSIONS),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
    );
    const state = fc.record({
      route: fc.constantFrom(...ROUTES),
      period: fc.constantFrom(...PERIOD_PRESETS),
      asOf: fc.option(date, { nil: undefined }),
      from: date,
      to: date,
      fyStartMonth: fc.integer({ min: 1, max: 12 }),
      compare: fc.constantFrom('prev' as const, 'yoy' as const),
      basis: fc.constantFrom('net' as const, 'gross' as const),
      filters,
      options: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 12 })),
    });
    fc.assert(
      fc.property(state, (s) => {
        const expected: ViewState = { ...s, filters: s.filters };
        if (expected.asOf === undefined) delete expected.asOf;
        if (expected.period !== 'custom') {
          delete expected.from;
          delete expected.to;
        }
        expect(parseHash(formatHash(expected))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const s = parseHash(text);
        expect(ROUTES).toContain(s.route);
      }),
    );
  });
});
