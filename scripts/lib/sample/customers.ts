/**
 * ~5,000 customers with Pareto-ish repeat behaviour. Each customer has a home
 * region, a usual rep and a segment (consumer / dealer / enterprise).
 *
 * - one-off customers buy exactly once, at a moment spread like demand;
 * - repeat customers carry a heavy-tailed purchase weight (a few giants), start
 *   on the first day or are acquired later, and some churn.
 */
import {
  CHURN_MEAN_DAYS,
  CHURN_SHARE,
  CUSTOMER_COUNT,
  EXISTING_CUSTOMER_SHARE,
  ONE_OFF_SHARE,
  PURCHASE_FREQUENCY,
  type Region,
  type RepSpec,
  type Segment,
} from './assumptions';
import type { Day } from './calendar';
import { NameFactory } from './names';
import type { Stream } from './org';
import type { Random } from './random';

export interface Customer {
  name: string;
  segment: Segment;
  region: Region;
  rep: RepSpec;
  oneOff: boolean;
  /** Relative purchase frequency among the pool's repeat customers. */
  weight: number;
  /** First day the customer can buy, and the day they stop (exclusive). */
  start: Day;
  end: Day;
}

/** Customers of one rep, region and segment; the generator draws order customers from here. */
export class CustomerPool {
  readonly customers: Customer[] = [];
  private readonly oneOffs: Customer[] = [];
  private readonly repeaters: Customer[] = [];
  private nextOneOff = 0;
  /** Expected orders still to come in this pool (decremented day by day by the generator). */
  expectedRemaining: number;
  private activeDay = -1;
  private active: Customer[] = [];
  private cumulative: number[] = [];

  constructor(expectedOrders: number) {
    this.expectedRemaining = expectedOrders;
  }

  add(c: Customer): void {
    this.customers.push(c);
    (c.oneOff ? this.oneOffs : this.repeaters).push(c);
  }

  /**
   * The customer of the next order on `day`. One-off customers are used up at
   * the rate that spreads them evenly over the pool's expected orders.
   */
  pick(day: Day, rng: Random): Customer {
    const left = this.oneOffs.length - this.nextOneOff;
    if (left > 0 && rng.float() * Math.max(this.expectedRemaining, left) < left) return this.oneOffs[this.nextOneOff++];
    if (this.activeDay !== day) this.refreshActive(day);
    const u = rng.float() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.active[lo];
  }

  private refreshActive(day: Day): void {
    this.activeDay = day;
    this.active = this.repeaters.filter((c) => c.start <= day && day < c.end);
    if (this.active.length === 0) this.active = this.repeaters.slice(0, 1);
    let sum = 0;
    this.cumulative = this.active.map((c) => (sum += c.weight));
  }
}

/** Anchors: the first repeat customers of every pool buy from day one and never churn. */
const ANCHORS_PER_POOL = 2;
const MIN_CUSTOMERS_PER_POOL = 10;
/** Acquired customers start no later than this many days before as-of. */
const LAST_ACQUISITION_BEFORE_AS_OF = 45;

/**
 * Creates the pools, sizing each one by its expected order count
 * (`expectedOrders`, keyed by pool key).
 */
export function buildCustomers(
  streams: Stream[],
  expectedOrders: Map<string, number>,
  firstDay: Day,
  asOf: Day,
  rng: Random,
): Map<string, CustomerPool> {
  const names = new NameFactory(rng);
  const bySegment = new Map<Segment, number>();
  for (const s of uniquePools(streams)) bySegment.set(s.segment, (bySegment.get(s.segment) ?? 0) + expectedOrders.get(s.poolKey)!);

  const pools = new Map<string, CustomerPool>();
  for (const s of uniquePools(streams)) {
    const expected = expectedOrders.get(s.poolKey)!;
    const pool = new CustomerPool(expected);
    const n = Math.max(MIN_CUSTOMERS_PER_POOL, Math.round((CUSTOMER_COUNT[s.segment] * expected) / bySegment.get(s.segment)!));
    const oneOffs = Math.min(n - ANCHORS_PER_POOL, Math.round(n * ONE_OFF_SHARE[s.segment]));
    for (let i = 0; i < n; i++) {
      const oneOff = i >= n - oneOffs;
      const anchor = i < ANCHORS_PER_POOL;
      const existing = anchor || rng.chance(EXISTING_CUSTOMER_SHARE);
      const start = existing || oneOff ? firstDay : rng.int(firstDay, asOf - LAST_ACQUISITION_BEFORE_AS_OF);
      const churns = !anchor && !oneOff && rng.chance(CHURN_SHARE);
      const end = churns ? start + Math.round(-CHURN_MEAN_DAYS * Math.log(1 - rng.float())) + 30 : asOf + 1;
      pool.add({
        name: names.next(s.segment, s.region),
        segment: s.segment,
        region: s.region,
        rep: s.rep,
        oneOff,
        weight: oneOff ? 0 : purchaseWeight(s.segment, rng),
        start,
        end: Math.min(end, asOf + 1),
      });
    }
    pools.set(s.poolKey, pool);
  }
  return pools;
}

function purchaseWeight(segment: Segment, rng: Random): number {
  const model = PURCHASE_FREQUENCY[segment];
  return model.kind === 'pareto' ? rng.pareto(model.alpha, model.cap) : Math.min(model.cap, rng.logNormal(1, model.sigma));
}

/** One representative stream per pool, in a stable order. */
function uniquePools(streams: Stream[]): Stream[] {
  const seen = new Set<string>();
  return streams.filter((s) => !seen.has(s.poolKey) && seen.add(s.poolKey));
}
