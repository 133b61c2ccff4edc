import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitToCents, toCents } from './split';
import { meanShares, monthlyShares, phaseAnnual } from './phasing';
import { cascadeMonths } from './cascade';

const sumCents = (parts: number[]) => parts.reduce((a, p) => a + toCents(p), 0);
const money = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((c) => c / 100);
const weight = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 1000 }));

describe('splitToCents', () => {
  it('hand-worked: 100.00 by 1:1:1 → 33.34, 33.33, 33.33', () => {
    expect(splitToCents(100, [1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
  });
  it('hand-worked: 10.00 by 1:2:3:4 exact; 0.05 by 1:1 → 0.03, 0.02', () => {
    expect(splitToCents(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(splitToCents(0.05, [1, 1])).toEqual([0.03, 0.02]);
  });
  it('largest remainder wins: 1.00 by 0.335:0.335:0.33 → 0.34, 0.33, 0.33', () => {
    // raw cents 33.5, 33.5, 33 → floors 33, 33, 33, one cent left to the first tie
    expect(splitToCents(1, [0.335, 0.335, 0.33])).toEqual([0.34, 0.33, 0.33]);
  });
  it('zero weights: all zero → even; a zero-weight part gets nothing', () => {
    expect(splitToCents(1, [0, 0, 0])).toEqual([0.34, 0.33, 0.33]);
    expect(splitToCents(7, [0, 1, 0])).toEqual([0, 7, 0]);
  });
  it('negative totals split symmetrically; negative weights are refused', () => {
    expect(splitToCents(-100, [1, 1, 1])).toEqual([-33.34, -33.33, -33.33]);
    expect(() => splitToCents(1, [1, -1])).toThrow();
    expect(() => splitToCents(1, [])).toThrow();
    expect(splitToCents(0, [])).toEqual([]);
  });

  it('property: parts sum exactly to the whole in cents, each part is whole cents and has the total’s sign', () => {
    fc.assert(
      fc.property(money, fc.array(weight, { minLength: 1, maxLength: 40 }), (total, weights) => {
        const parts = splitToCents(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sumCents(parts)).toBe(toCents(total));
        for (const p of parts) {
          expect(Number.isInteger(Math.round(p * 100))).toBe(true);
          expect(Math.abs(p * 100 - Math.round(p * 100))).toBeLessThan(1e-6);
          expect(p * Math.sign(total || 1)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: each part is within one cent of its exact share; zero weights get zero unless all are zero', () => {
    fc.assert(
      fc.property(money, fc.array(weight, { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = splitToCents(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        weights.forEach((w, i) => {
          const exact = sum > 0 ? (toCents(total) * w) / sum : toCents(total) / weights.length;
          expect(Math.abs(toCents(parts[i]) - exact)).toBeLessThan(1 + 1e-6);
          if (sum > 0 && w === 0) expect(parts[i]).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('phasing', () => {
  it('last year’s shares: 1,200,000 by last year 1:2:…:12 (sum 78)', () => {
    const ly = Array.from({ length: 12 }, (_, i) => (i + 1) * 1000);
    const months = phaseAnnual(1_200_000, { method: 'last-year', history: [ly] });
    // month i = 1,200,000 × i/78; Jan = 15384.615… → 15384.62 after largest remainder
    expect(sumCents(months)).toBe(120_000_000);
    expect(months[11]).toBeCloseTo((1_200_000 * 12) / 78, 1);
    expect(Math.abs(months[0] - 15384.62)).toBeLessThanOrEqual(0.01);
  });
  it('mean of several years weighs each year equally; negative months (returns) count as zero', () => {
    expect(monthlyShares([-5, 5])).toEqual([0, 1]);
    // year A shares 0.5/0.5, year B (10× larger) 1/0 → mean 0.75/0.25
    expect(meanShares([[1, 1], [10, 0]], 2)).toEqual([0.75, 0.25]);
    expect(meanShares([[0, 0]], 2)).toEqual([0, 0]);
  });
  it('even and custom; no history falls back to even', () => {
    expect(phaseAnnual(12, { method: 'even' })).toEqual(new Array(12).fill(1));
    expect(phaseAnnual(12, { method: 'last-year', history: [] })).toEqual(new Array(12).fill(1));
    expect(phaseAnnual(3, { method: 'custom', weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1] })).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(() => phaseAnnual(3, { method: 'custom', weights: [1] })).toThrow();
  });
  it('property: every method phases to 12 months summing to the annual amount in cents', () => {
    const year = fc.array(fc.integer({ min: -1000, max: 1_000_000 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(money, fc.array(year, { minLength: 0, maxLength: 4 }), fc.constantFrom('last-year', 'mean-years', 'even') as fc.Arbitrary<'last-year' | 'mean-years' | 'even'>, (total, history, method) => {
        const months = phaseAnnual(total, { method, history });
        expect(months).toHaveLength(12);
        expect(sumCents(months)).toBe(toCents(total));
      }),
    );
  });
});

describe('cascade', () => {
  it('hand-worked: 1,000.00 and 0.01 to three teams by last year 50:30:20 and a negative child', () => {
    const out = cascadeMonths([1000, 0.01], 'last-year', [
      { unit: 'A', weight: 50 },
      { unit: 'B', weight: 30 },
      { unit: 'C', weight: 20 },
      { unit: 'D', weight: -5 },
    ]);
    expect(out.get('A')).toEqual([500, 0.01]);
    expect(out.get('B')).toEqual([300, 0]);
    expect(out.get('C')).toEqual([200, 0]);
    expect(out.get('D')).toEqual([0, 0]);
  });
  it('property: a random hierarchy (company → teams → reps) reconciles at every level, every month', () => {
    const hierarchy = fc.array(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(money, { minLength: 12, maxLength: 12 }), hierarchy, fc.constantFrom('last-year', 'even', 'custom') as fc.Arbitrary<'last-year' | 'even' | 'custom'>, (company, teams, method) => {
        const teamChildren = teams.map((reps, t) => ({ unit: `T${t}`, weight: reps.reduce((a, b) => a + b, 0) }));
        const teamMonths = cascadeMonths(company, method, teamChildren);
        teams.forEach((reps, t) => {
          const tm = teamMonths.get(`T${t}`)!;
          const repMonths = cascadeMonths(tm, method, reps.map((w, r) => ({ unit: `R${r}`, weight: w })));
          for (let m = 0; m < 12; m++) expect([...repMonths.values()].reduce((a, v) => a + toCents(v[m]), 0)).toBe(toCents(tm[m]));
        });
        for (let m = 0; m < 12; m++) expect([...teamMonths.values()].reduce((a, v) => a + toCents(v[m]), 0)).toBe(toCents(company[m]));
      }),
      { numRuns: 200 },
    );
  });
});
