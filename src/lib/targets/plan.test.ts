import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { annualAmount, buildPlan, fiscalMonths, revisePlan, type PlanHistory, type TargetRow } from './plan';
import { toCents } from './split';

const history: PlanHistory = {
  years: [Array.from({ length: 12 }, (_, i) => 100 + i), Array.from({ length: 12 }, (_, i) => (i + 1) * 1000)],
  teams: [{ unit: 'North', weight: 30000 }, { unit: 'South', weight: 48000 }],
  reps: [
    { unit: 'Ann', team: 'North', weight: 10000 },
    { unit: 'Bob', team: 'North', weight: 20000 },
    { unit: 'Cat', team: 'South', weight: 48000 },
  ],
};

const cents = (rows: TargetRow[], pred: (r: TargetRow) => boolean) => rows.filter(pred).reduce((s, r) => s + toCents(r.amount), 0);

describe('build a plan', () => {
  it('growth over the base year: 78,000 × 1.2 = 93,600, phased by last year 1:…:12, fiscal year from July', () => {
    expect(annualAmount({ kind: 'growth', growth: 0.2 }, history)).toBe(93600);
    const rows = buildPlan({ fiscalYearStart: '2018-07-01', annual: { kind: 'growth', growth: 0.2 }, phasing: 'last-year', cascade: 'last-year', companyUnit: 'Co' }, history);
    const company = rows.filter((r) => r.unit_type === 'company');
    expect(company.map((r) => r.period)).toEqual(fiscalMonths('2018-07-01'));
    expect(company[0]).toEqual({ period: '2018-07-01', unit_type: 'company', unit: 'Co', amount: 1200 }); // 93,600 × 1/78
    expect(company[11].amount).toBe(14400);
    // teams 30:48 of each month: July 1200 → 461.54 / 738.46
    expect(rows.find((r) => r.unit === 'North' && r.period === '2018-07-01')!.amount).toBe(461.54);
    expect(rows.find((r) => r.unit === 'South' && r.period === '2018-07-01')!.amount).toBe(738.46);
    // reps of North 1:2 of 461.54 → 153.85 / 307.69
    expect(rows.find((r) => r.unit === 'Ann' && r.period === '2018-07-01')!.amount).toBe(153.85);
    expect(rows.find((r) => r.unit === 'Bob' && r.period === '2018-07-01')!.amount).toBe(307.69);
  });

  it('property: every month reconciles (reps → team → company) and the year sums to the annual amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.constantFrom('last-year', 'mean-years', 'even') as fc.Arbitrary<'last-year' | 'mean-years' | 'even'>,
        fc.constantFrom('last-year', 'even') as fc.Arbitrary<'last-year' | 'even'>,
        (amountCents, phasing, cascade) => {
          const rows = buildPlan({ fiscalYearStart: '2024-01-01', annual: { kind: 'amount', amount: amountCents / 100 }, phasing, cascade, companyUnit: 'Co' }, history);
          expect(cents(rows, (r) => r.unit_type === 'company')).toBe(amountCents);
          for (const m of fiscalMonths('2024-01-01')) {
            const c = cents(rows, (r) => r.period === m && r.unit_type === 'company');
            expect(cents(rows, (r) => r.period === m && r.unit_type === 'team')).toBe(c);
            expect(cents(rows, (r) => r.period === m && r.unit_type === 'rep')).toBe(c);
            expect(cents(rows, (r) => r.period === m && ['Ann', 'Bob'].includes(r.unit))).toBe(cents(rows, (r) => r.period === m && r.unit === 'North'));
          }
        },
      ),
    );
  });
});

describe('custom cascade', () => {
  it('teams by the given weights (unlisted → 0), reps by last year’s share within their team', () => {
    const rows = buildPlan(
      { fiscalYearStart: '2026-01-01', annual: { kind: 'amount', amount: 1200 }, phasing: 'even', cascade: 'custom', customTeamWeights: { North: 3, South: 1 }, companyUnit: 'Co' },
      history,
    );
    const jan = (unit: string) => rows.find((r) => r.unit === unit && r.period === '2026-01-01')!.amount;
    expect(jan('North')).toBe(75);
    expect(jan('South')).toBe(25);
    expect(jan('Ann')).toBe(25); // 1:2 of 75
    expect(jan('Bob')).toBe(50);
    const none = buildPlan({ fiscalYearStart: '2026-01-01', annual: { kind: 'amount', amount: 1200 }, phasing: 'even', cascade: 'custom', customTeamWeights: { North: 1 }, companyUnit: 'Co' }, history);
    expect(none.find((r) => r.unit === 'South' && r.period === '2026-01-01')!.amount).toBe(0);
  });
});

describe('revise a plan', () => {
  it('year-to-date months keep their targets; the rest re-spreads to the new annual amount', () => {
    const plan = buildPlan({ fiscalYearStart: '2026-01-01', annual: { kind: 'amount', amount: 120000 }, phasing: 'even', cascade: 'last-year', companyUnit: 'Co' }, history);
    const revised = revisePlan(plan, '2026-01-01', { effectiveFrom: '2026-07-01', annual: { kind: 'amount', amount: 108000 }, phasing: 'even', cascade: 'last-year', companyUnit: 'Co' }, history);
    expect(revised.filter((r) => r.period < '2026-07-01')).toEqual(plan.filter((r) => r.period < '2026-07-01'));
    // Jan–Jun kept 6 × 10,000; Jul–Dec get (108,000 − 60,000) / 6 = 8,000 each
    expect(revised.filter((r) => r.unit_type === 'company' && r.period >= '2026-07-01').map((r) => r.amount)).toEqual(new Array(6).fill(8000));
    expect(cents(revised, (r) => r.unit_type === 'company')).toBe(10_800_000);
    expect(cents(revised, (r) => r.unit_type === 'rep')).toBe(10_800_000);
    expect(revised).toHaveLength(plan.length);
    expect(() => revisePlan(plan, '2026-01-01', { effectiveFrom: '2027-01-01', annual: { kind: 'amount', amount: 1 }, phasing: 'even', cascade: 'even', companyUnit: 'Co' }, history)).toThrow();
  });

  it('a growth revision re-spreads by last year’s shares of the remaining months', () => {
    const plan = buildPlan({ fiscalYearStart: '2026-01-01', annual: { kind: 'growth', growth: 0.2 }, phasing: 'last-year', cascade: 'even', companyUnit: 'Co' }, history);
    const revised = revisePlan(plan, '2026-01-01', { effectiveFrom: '2026-11-01', annual: { kind: 'growth', growth: 0.15 }, phasing: 'last-year', cascade: 'even', companyUnit: 'Co' }, history);
    // kept Jan–Oct = 93,600 × 55/78 = 66,000; new annual 89,700 → Nov:Dec = 11:12 of 23,700
    const nov = revised.find((r) => r.unit_type === 'company' && r.period === '2026-11-01')!.amount;
    const dec = revised.find((r) => r.unit_type === 'company' && r.period === '2026-12-01')!.amount;
    expect(nov + dec).toBeCloseTo(23700, 6);
    expect(nov).toBeCloseTo((23700 * 11) / 23, 2);
  });
});
