/**
 * Building and revising a target plan (pure): an annual company amount (or
 * growth over the base year's actual), phased into fiscal months, cascaded to
 * teams and their reps. Every level reconciles to the cent, month by month.
 */
import { addMonths } from '../model/period';
import { cascadeMonths, type CascadeMethod, type Child } from './cascade';
import { phasingWeights, type PhasingMethod } from './phasing';
import { splitToCents, toCents } from './split';

export interface TargetRow {
  period: string;
  unit_type: string;
  unit: string;
  amount: number;
}

export type AnnualSpec = { kind: 'amount'; amount: number } | { kind: 'growth'; growth: number };

export interface PlanSpec {
  /** First day of the fiscal year planned. */
  fiscalYearStart: string;
  annual: AnnualSpec;
  phasing: PhasingMethod;
  /** 12 weights for phasing 'custom'. */
  customWeights?: number[];
  cascade: CascadeMethod;
  /** For cascade 'custom': team → weight (teams not listed get 0); reps then split their team's months by last year's share. */
  customTeamWeights?: Record<string, number>;
  companyUnit: string;
}

export interface PlanHistory {
  /** Company monthly sales of past fiscal years, most recent (the base year) last; 12 values each in fiscal order. */
  years: number[][];
  /** Base-year sales per team (the cascade's 'last-year' weights; custom weights replace them). */
  teams: Child[];
  /** Base-year sales per rep, with the rep's team. */
  reps: (Child & { team: string })[];
}

export function fiscalMonths(fiscalYearStart: string): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(fiscalYearStart, i));
}

/** The annual amount: as given, or the base year's actual × (1 + growth), to the cent. */
export function annualAmount(annual: AnnualSpec, history: PlanHistory): number {
  if (annual.kind === 'amount') return toCents(annual.amount) / 100;
  const base = (history.years.at(-1) ?? []).reduce((a, b) => a + b, 0);
  return toCents(base * (1 + annual.growth)) / 100;
}

function monthWeights(spec: Pick<PlanSpec, 'phasing' | 'customWeights'>, history: PlanHistory): number[] {
  return phasingWeights({ method: spec.phasing, history: history.years, weights: spec.customWeights });
}

/** Company months → team months → rep months, as long rows. */
function cascadeRows(months: string[], companyMonths: number[], spec: Pick<PlanSpec, 'cascade' | 'companyUnit' | 'customTeamWeights'>, history: PlanHistory): TargetRow[] {
  const rows: TargetRow[] = months.map((period, i) => ({ period, unit_type: 'company', unit: spec.companyUnit, amount: companyMonths[i] }));
  if (history.teams.length === 0) return rows;
  const custom = spec.cascade === 'custom';
  const teams = custom ? history.teams.map((t) => ({ unit: t.unit, weight: spec.customTeamWeights?.[t.unit] ?? 0 })) : history.teams;
  const teamMonths = cascadeMonths(companyMonths, spec.cascade, teams);
  for (const [team, amounts] of teamMonths) {
    amounts.forEach((amount, i) => rows.push({ period: months[i], unit_type: 'team', unit: team, amount }));
    const reps = history.reps.filter((r) => r.team === team);
    if (reps.length === 0) continue;
    for (const [rep, repAmounts] of cascadeMonths(amounts, custom ? 'last-year' : spec.cascade, reps)) {
      repAmounts.forEach((amount, i) => rows.push({ period: months[i], unit_type: 'rep', unit: rep, amount }));
    }
  }
  return rows;
}

export function buildPlan(spec: PlanSpec, history: PlanHistory): TargetRow[] {
  const months = fiscalMonths(spec.fiscalYearStart);
  const companyMonths = splitToCents(annualAmount(spec.annual, history), monthWeights(spec, history));
  return cascadeRows(months, companyMonths, spec, history);
}

export interface RevisionSpec extends Omit<PlanSpec, 'fiscalYearStart'> {
  /** First month of the revision; earlier months keep the current plan's amounts. */
  effectiveFrom: string;
}

/**
 * A revision: months before `effectiveFrom` keep their targets at every
 * level; the new annual amount minus those months is re-spread over the
 * remaining months by the chosen phasing (their share of the year's weights),
 * then cascaded as in a new plan.
 */
export function revisePlan(current: TargetRow[], fiscalYearStart: string, spec: RevisionSpec, history: PlanHistory): TargetRow[] {
  const months = fiscalMonths(fiscalYearStart);
  if (!months.includes(spec.effectiveFrom)) throw new Error(`${spec.effectiveFrom} is not a month of the fiscal year starting ${fiscalYearStart}`);
  const kept = current.filter((r) => r.period < spec.effectiveFrom && months.includes(r.period));
  const keptCompany = kept.filter((r) => r.unit_type === 'company').reduce((s, r) => s + toCents(r.amount), 0) / 100;
  const remainingMonths = months.filter((m) => m >= spec.effectiveFrom);
  const weights = monthWeights(spec, history).slice(months.length - remainingMonths.length);
  const remaining = splitToCents(annualAmount(spec.annual, history) - keptCompany, weights);
  return [...kept, ...cascadeRows(remainingMonths, remaining, spec, history)];
}
