/**
 * Rep activity KPIs for the scorecard: monthly visits and customer-satisfaction
 * surveys, and the opportunity pipeline (created/closed dates, stage, won/lost).
 */
import { AS_OF, FIRST_DAY, REPS, SPRING_FESTIVAL, type RepSpec } from './assumptions';
import { dayFromIso, dayFromParts, daysInMonth, isoFromDay, monthIso, partsOf, type Day } from './calendar';
import type { Customer } from './customers';
import type { Random } from './random';

export interface RepActivityRow {
  month: string;
  rep: string;
  visits: number;
  /** Mean survey score, 1–5, two decimals. */
  satisfaction: number;
  surveyResponses: number;
}

export type Stage = 'lead' | 'proposal' | 'negotiation' | 'won' | 'lost';

export interface OpportunityRow {
  id: string;
  rep: string;
  customer: string;
  created: string;
  closed: string | null;
  stage: Stage;
  won: boolean | null;
  amount: number;
}

/** Visits drop in the Spring Festival month and in Golden Week. */
const SPRING_FESTIVAL_MONTH_VISITS = 0.6;
const OCTOBER_VISITS = 0.85;
/** Survey responses per month: a base plus a share of visits. */
const SURVEY_BASE = 4;
const SURVEY_PER_VISIT = 0.25;
const MIN_SURVEY_RESPONSES = 3;
/** Spread of single survey answers around the rep's mean, and of the monthly mean itself. */
const ANSWER_SD = 0.7;
const MONTHLY_MEAN_SD = 0.08;

function* months(): Generator<{ year: number; month: number; first: Day; last: Day }> {
  const start = partsOf(dayFromIso(FIRST_DAY));
  const asOf = dayFromIso(AS_OF);
  for (let y = start.year, m = start.month; dayFromParts(y, m, 1) <= asOf; m === 12 ? (y++, (m = 1)) : m++) {
    const first = dayFromParts(y, m, 1);
    yield { year: y, month: m, first, last: Math.min(asOf, first + daysInMonth(y, m) - 1) };
  }
}

function visitSeason(year: number, month: number): number {
  const cny = SPRING_FESTIVAL.map(partsOf).find((p) => p.year === year);
  if (cny && cny.month === month) return SPRING_FESTIVAL_MONTH_VISITS;
  return month === 10 ? OCTOBER_VISITS : 1;
}

export function buildRepActivity(rng: Random): RepActivityRow[] {
  const firstDay = dayFromIso(FIRST_DAY);
  const rows: RepActivityRow[] = [];
  for (const { year, month, first, last } of months()) {
    const elapsed = (last - first + 1) / daysInMonth(year, month);
    const years = (first - firstDay) / 365.25;
    for (const rep of REPS) {
      const visits = rng.poisson(rep.visits * visitSeason(year, month) * elapsed);
      const responses = Math.max(MIN_SURVEY_RESPONSES, rng.poisson((SURVEY_BASE + SURVEY_PER_VISIT * visits) * Math.max(elapsed, 0.5)));
      const mean = rep.satisfaction + rep.satisfactionDrift * years + MONTHLY_MEAN_SD * rng.normal();
      let sum = 0;
      for (let k = 0; k < responses; k++) sum += Math.min(5, Math.max(1, Math.round(mean + ANSWER_SD * rng.normal())));
      rows.push({ month: monthIso(year, month), rep: rep.name, visits, satisfaction: Math.round((sum / responses) * 100) / 100, surveyResponses: responses });
    }
  }
  return rows;
}

interface PipelineProfile {
  perMonth: number;
  medianAmount: number;
  amountSigma: number;
  medianCycleDays: number;
}

/** Key accounts run fewer, bigger, slower deals than the regional teams' dealer deals. */
const PIPELINE: Record<'keyAccount' | 'regional', PipelineProfile> = {
  keyAccount: { perMonth: 9, medianAmount: 280_000, amountSigma: 0.8, medianCycleDays: 70 },
  regional: { perMonth: 6, medianAmount: 60_000, amountSigma: 0.7, medianCycleDays: 35 },
};
/** Busy reps open more opportunities. */
const OPPORTUNITIES_PER_VISIT_FACTOR = 1 / 46;
/** Lost deals are usually dropped sooner than won ones close. */
const LOST_CYCLE_FACTOR = 0.8;
const MIN_CYCLE_DAYS = 5;

function openStage(progress: number): Stage {
  if (progress < 0.3) return 'lead';
  if (progress < 0.65) return 'proposal';
  return 'negotiation';
}

export function buildOpportunities(customers: Customer[], rng: Random): OpportunityRow[] {
  const asOf = dayFromIso(AS_OF);
  const drafts: (Omit<OpportunityRow, 'id' | 'created'> & { createdDay: Day; order: number })[] = [];
  const b2bOf = new Map<RepSpec, Customer[]>(REPS.map((r) => [r, customers.filter((c) => c.rep === r && c.segment !== 'consumer')]));
  for (const { year, month, first, last } of months()) {
    const elapsed = (last - first + 1) / daysInMonth(year, month);
    for (const rep of REPS) {
      const profile = rep.team === '大客户团队' ? PIPELINE.keyAccount : PIPELINE.regional;
      const count = rng.poisson(profile.perMonth * rep.visits * OPPORTUNITIES_PER_VISIT_FACTOR * (rep.team === '大客户团队' ? 2 : 1) * elapsed);
      for (let k = 0; k < count; k++) {
        const createdDay = rng.int(first, last);
        const candidates = b2bOf.get(rep)!.filter((c) => c.start <= createdDay && createdDay < c.end);
        const customer = rng.pick(candidates.length > 0 ? candidates : b2bOf.get(rep)!);
        const won = rng.chance(rep.winRate);
        const cycle = Math.max(MIN_CYCLE_DAYS, Math.round(rng.logNormal(profile.medianCycleDays, 0.5) * (won ? 1 : LOST_CYCLE_FACTOR)));
        const closedDay = createdDay + cycle;
        const open = closedDay > asOf;
        drafts.push({
          rep: rep.name,
          customer: customer.name,
          createdDay,
          order: drafts.length,
          closed: open ? null : isoFromDay(closedDay),
          stage: open ? openStage((asOf - createdDay) / cycle) : won ? 'won' : 'lost',
          won: open ? null : won,
          amount: Math.round(rng.logNormal(profile.medianAmount, profile.amountSigma) / 100) * 100,
        });
      }
    }
  }
  // Ids follow creation order, numbered per year.
  drafts.sort((a, b) => a.createdDay - b.createdDay || a.order - b.order);
  const seqByYear = new Map<number, number>();
  return drafts.map(({ createdDay, order: _order, ...d }) => {
    const year = partsOf(createdDay).year;
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    return { id: `OPP-${year}-${String(seq).padStart(5, '0')}`, created: isoFromDay(createdDay), ...d };
  });
}
