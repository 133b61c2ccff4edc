/**
 * Monthly targets (company → teams → reps, versioned) and the team budget,
 * derived from the generated actuals the way a sales-ops analyst would:
 * last year's actual × planned growth, phased by last year's monthly shares,
 * cascaded by last year's shares, parts adding up to the whole exactly.
 */
import {
  ASSUMED_2022_TO_2023_GROWTH,
  BUDGET_MARGIN_UPLIFT,
  BUDGET_YEARS,
  COMPANY_UNIT,
  PLAN_GROWTH,
  REPS,
  REVISION_2026,
  SELLING_EXPENSE_PER_REP_MONTH,
  SELLING_EXPENSE_RATE,
  TARGET_ROUNDING,
  TEAMS,
  YEARS,
  type Team,
} from './assumptions';
import { monthIso, partsOf } from './calendar';
import type { SaleLine } from './sales';

export type UnitType = 'company' | 'team' | 'rep';

export interface TargetRow {
  period: string;
  unitType: UnitType;
  unit: string;
  /** 元, whole yuan. */
  amount: number;
  version: number;
}

export interface TargetVersion {
  version: number;
  fiscalYear: number;
  created: string;
  effectiveFrom: string;
  reason: string;
  scope: string;
}

export interface BudgetRow {
  period: string;
  unitType: 'team';
  unit: Team;
  line: 'revenue' | 'cost_of_sales' | 'selling_expense';
  amount: number;
}

/** Net actuals in 分 by year → month (1..12) → rep, plus cost for margins. */
export class Actuals {
  private readonly revenue = new Map<string, number>();
  private readonly cost = new Map<string, number>();

  constructor(lines: SaleLine[]) {
    for (const l of lines) {
      const { year, month } = partsOf(l.day);
      const key = `${year}|${month}|${l.rep.name}`;
      this.revenue.set(key, (this.revenue.get(key) ?? 0) + l.amountCents);
      this.cost.set(key, (this.cost.get(key) ?? 0) + l.costCents);
    }
  }

  /** Revenue in 元 for a year, optional month, optional set of reps. */
  rev(year: number, month?: number, reps: readonly string[] = REPS.map((r) => r.name)): number {
    return this.sum(this.revenue, year, month, reps) / 100;
  }

  costOf(year: number, reps: readonly string[]): number {
    return this.sum(this.cost, year, undefined, reps) / 100;
  }

  private sum(map: Map<string, number>, year: number, month: number | undefined, reps: readonly string[]): number {
    let total = 0;
    for (const m of month ? [month] : MONTHS) for (const r of reps) total += map.get(`${year}|${m}|${r}`) ?? 0;
    return total;
  }
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const teamReps = (team: Team) => REPS.filter((r) => r.team === team).map((r) => r.name);

/**
 * Splits `total` whole units into parts proportional to `weights` that add up
 * to `total` exactly (largest-remainder / Hamilton method; ties go to the
 * earlier part so the result is deterministic).
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

interface PlanBasis {
  /** Last year's actual per month (元), the phasing and growth base. */
  baseByMonth: number[];
  /** Team shares of last year's actual in the same month. */
  teamShareByMonth: number[][];
  /** Rep shares of last year's annual actual within their team. */
  repShare: Map<Team, number[]>;
}

function planBasis(actuals: Actuals, year: number): PlanBasis {
  // The sample has no 2022: the 2023 plan is based on 2023's shape scaled back a year.
  const baseYear = year === YEARS[0] ? year : year - 1;
  const deflate = year === YEARS[0] ? 1 / (1 + ASSUMED_2022_TO_2023_GROWTH) : 1;
  return {
    baseByMonth: MONTHS.map((m) => actuals.rev(baseYear, m) * deflate),
    teamShareByMonth: MONTHS.map((m) => TEAMS.map((t) => actuals.rev(baseYear, m, teamReps(t)))),
    repShare: new Map(TEAMS.map((t) => [t, teamReps(t).map((r) => actuals.rev(baseYear, undefined, [r]))])),
  };
}

/** One version of a year's plan: company month = base × (1 + growth), then cascaded. */
function planRows(year: number, version: number, basis: PlanBasis, growthOf: (month: number) => number): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const month of MONTHS) {
    const period = monthIso(year, month);
    const company = Math.round((basis.baseByMonth[month - 1] * (1 + growthOf(month))) / TARGET_ROUNDING) * TARGET_ROUNDING;
    rows.push({ period, unitType: 'company', unit: COMPANY_UNIT, amount: company, version });
    const teamAmounts = largestRemainder(company, basis.teamShareByMonth[month - 1]);
    TEAMS.forEach((team, ti) => {
      rows.push({ period, unitType: 'team', unit: team, amount: teamAmounts[ti], version });
      const reps = teamReps(team);
      const repAmounts = largestRemainder(teamAmounts[ti], basis.repShare.get(team)!);
      reps.forEach((rep, ri) => rows.push({ period, unitType: 'rep', unit: rep, amount: repAmounts[ri], version }));
    });
  }
  return rows;
}

const pct = (g: number) => `${Math.round(g * 100)}%`;

function h1Growth(actuals: Actuals, year: number): string {
  const h1 = (y: number) => MONTHS.slice(0, 6).reduce((s, m) => s + actuals.rev(y, m), 0);
  return `${(100 * (h1(year) / h1(year - 1) - 1)).toFixed(1)}%`;
}

export function buildTargets(actuals: Actuals): { rows: TargetRow[]; versions: TargetVersion[] } {
  const rows: TargetRow[] = [];
  const versions: TargetVersion[] = [];
  for (const year of YEARS) {
    const basis = planBasis(actuals, year);
    const growth = PLAN_GROWTH[year];
    rows.push(...planRows(year, 1, basis, () => growth));
    versions.push({
      version: 1,
      fiscalYear: year,
      created: `${year - 1}-12-15`,
      effectiveFrom: `${year}-01-01`,
      reason:
        year === YEARS[0]
          ? `${year}年度原始目标:按2022年实际(估算)增长${pct(growth)},按月度占比分解至团队和销售代表`
          : `${year}年度原始目标:按${year - 1}年实际增长${pct(growth)},按上年月度占比分解至团队和销售代表`,
      scope: 'company,team,rep',
    });
  }

  // 2026 mid-year revision: a full copy of the year, H1 unchanged, H2 at the lower growth.
  const year = 2026;
  const revisedFrom = Number(REVISION_2026.effectiveFrom.slice(5, 7));
  const basis = planBasis(actuals, year);
  rows.push(...planRows(year, REVISION_2026.version, basis, (m) => (m < revisedFrom ? PLAN_GROWTH[year] : REVISION_2026.growth)));
  versions.push({
    version: REVISION_2026.version,
    fiscalYear: year,
    created: REVISION_2026.created,
    effectiveFrom: REVISION_2026.effectiveFrom,
    reason: `${REVISION_2026.reason}(上半年实际同比增长${h1Growth(actuals, year)},华北电脑遭遇竞品降价)`,
    scope: 'company,team,rep',
  });
  return { rows, versions };
}

/**
 * The team budget for 2025 and 2026: revenue = the original (version 1) team
 * target; cost of sales at last year's team margin (+ a little optimism);
 * selling expense = a share of revenue + a fixed cost per rep.
 */
export function buildBudget(actuals: Actuals, targets: TargetRow[]): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (const year of BUDGET_YEARS) {
    for (const team of TEAMS) {
      const reps = teamReps(team);
      const lastRevenue = actuals.rev(year - 1, undefined, reps);
      const margin = 1 - actuals.costOf(year - 1, reps) / lastRevenue + BUDGET_MARGIN_UPLIFT;
      for (const month of MONTHS) {
        const period = monthIso(year, month);
        const revenue = targets.find((t) => t.version === 1 && t.unitType === 'team' && t.unit === team && t.period === period)!.amount;
        rows.push({ period, unitType: 'team', unit: team, line: 'revenue', amount: revenue });
        rows.push({ period, unitType: 'team', unit: team, line: 'cost_of_sales', amount: Math.round(revenue * (1 - margin)) });
        rows.push({
          period,
          unitType: 'team',
          unit: team,
          line: 'selling_expense',
          amount: Math.round(revenue * SELLING_EXPENSE_RATE[team] + reps.length * SELLING_EXPENSE_PER_REP_MONTH),
        });
      }
    }
  }
  return rows;
}
