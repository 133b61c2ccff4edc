import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocationGaps, editPlanCell, PlanEditError, type ParentOf } from './edit';
import type { TargetRow } from './plan';
import { toCents } from './split';

const JAN = '2026-01-01';
const FEB = '2026-02-01';
const TEAM_OF: Record<string, string> = { Ann: 'North', Bob: 'North', Cy: 'South' };
const parentOf: ParentOf = (type, unit) =>
  type === 'rep' ? { unit_type: 'team', unit: TEAM_OF[unit] } : type === 'team' ? { unit_type: 'company', unit: 'ACME' } : null;

const row = (period: string, unit_type: string, unit: string, amount: number): TargetRow => ({ period, unit_type, unit, amount });
const PLAN: TargetRow[] = [
  row(JAN, 'company', 'ACME', 1000),
  row(JAN, 'team', 'North', 600),
  row(JAN, 'team', 'South', 400),
  row(JAN, 'rep', 'Ann', 400),
  row(JAN, 'rep', 'Bob', 200),
  row(JAN, 'rep', 'Cy', 400),
  row(FEB, 'company', 'ACME', 500),
  row(FEB, 'team', 'North', 300),
  row(FEB, 'team', 'South', 200),
  row(FEB, 'rep', 'Ann', 150),
  row(FEB, 'rep', 'Bob', 150),
  row(FEB, 'rep', 'Cy', 200),
];
const amountOf = (rows: TargetRow[], period: string, unit: string) => rows.find((r) => r.period === period && r.unit === unit)!.amount;

describe('editing a plan cell', () => {
  it('rebalance: the siblings absorb the change; the team’s reps follow it; other months untouched', () => {
    const out = editPlanCell(PLAN, { period: JAN, unit_type: 'team', unit: 'North' }, 700, 'rebalance', parentOf);
    expect(amountOf(out, JAN, 'North')).toBe(700);
    expect(amountOf(out, JAN, 'South')).toBe(300); // 1000 − 700
    // North's reps scaled 400:200 to 700 → 466.67 + 233.33; South's one rep takes 300.
    expect(amountOf(out, JAN, 'Ann')).toBe(466.67);
    expect(amountOf(out, JAN, 'Bob')).toBe(233.33);
    expect(amountOf(out, JAN, 'Cy')).toBe(300);
    expect(out.filter((r) => r.period === FEB)).toEqual(PLAN.filter((r) => r.period === FEB));
    expect(allocationGaps(out, parentOf)).toEqual([]);
  });

  it('rebalance refuses more than the siblings hold', () => {
    const err = (() => {
      try {
        editPlanCell(PLAN, { period: JAN, unit_type: 'rep', unit: 'Ann' }, 650, 'rebalance', parentOf);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PlanEditError);
    expect(err).toMatchObject({ code: 'exceeds-parent', available: 600 });
    // An only child cannot move without its parent.
    expect(() => editPlanCell(PLAN, { period: JAN, unit_type: 'rep', unit: 'Cy' }, 450, 'rebalance', parentOf)).toThrow('exceeds-parent');
    expect(() => editPlanCell(PLAN, { period: JAN, unit_type: 'rep', unit: 'Ann' }, -1, 'flag', parentOf)).toThrow('negative');
  });

  it('flag: only the cell moves, and the parent shows the gap (over- and under-allocated)', () => {
    const over = editPlanCell(PLAN, { period: FEB, unit_type: 'rep', unit: 'Ann' }, 180.5, 'flag', parentOf);
    expect(amountOf(over, FEB, 'Bob')).toBe(150);
    expect(allocationGaps(over, parentOf)).toEqual([{ period: FEB, unit_type: 'team', unit: 'North', gap: -30.5 }]);
    const under = editPlanCell(PLAN, { period: JAN, unit_type: 'team', unit: 'South' }, 350, 'flag', parentOf);
    // South's rep follows South (its child); the company is now 50 under-allocated.
    expect(amountOf(under, JAN, 'Cy')).toBe(350);
    expect(allocationGaps(under, parentOf)).toEqual([{ period: JAN, unit_type: 'company', unit: 'ACME', gap: 50 }]);
  });

  it('property: a rebalance keeps every parent month reconciled to the cent and nothing negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cents, pick, share) => {
          const reps = cents.map((_, i) => `R${i}`);
          const total = cents.reduce((a, b) => a + b, 0) / 100;
          const plan = [row(JAN, 'team', 'T', total), ...reps.map((r, i) => row(JAN, 'rep', r, cents[i] / 100))];
          const parent: ParentOf = (type) => (type === 'rep' ? { unit_type: 'team', unit: 'T' } : null);
          const unit = reps[pick % reps.length];
          const amount = Math.round(total * share * 100) / 100;
          const out = editPlanCell(plan, { period: JAN, unit_type: 'rep', unit }, amount, 'rebalance', parent);
          expect(allocationGaps(out, parent)).toEqual([]);
          expect(out.every((r) => r.amount >= 0)).toBe(true);
          expect(toCents(amountOf(out, JAN, unit))).toBe(toCents(amount));
        },
      ),
    );
  });
});
