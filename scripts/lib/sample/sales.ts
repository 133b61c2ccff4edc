/**
 * The order-line generator. Day by day, each stream (channel × region × rep)
 * gets a Poisson number of orders whose mean combines the stream's base share,
 * growth, the rep's own trend and the calendar. Each order picks a customer
 * from the rep's pool, 1–4 product lines, quantities and discounts; a few
 * orders are partly returned later.
 */
import {
  AS_OF,
  CATEGORIES,
  CATEGORY_TREND,
  CHANNEL_PROFILE,
  CHANNELS,
  COMPETITOR_EFFECTS,
  FIRST_DAY,
  MACRO_GROWTH_ADJUSTMENT,
  REGION_GROWTH_DELTA,
  TARGET_LINES,
  type Category,
  type Channel,
  type Region,
  type RepSpec,
  type Segment,
} from './assumptions';
import { compactFromDay, dayFromIso, monthIndex, partsOf, type Day } from './calendar';
import { listPriceOn, type Product } from './catalog';
import { buildCustomers, type Customer, type CustomerPool } from './customers';
import { buildStreams, type Stream } from './org';
import type { Random } from './random';
import { categoryDayFactor, channelDayFactor, isShoppingFestival } from './seasonality';

export interface SaleLine {
  day: Day;
  orderId: string;
  customer: Customer;
  product: Product;
  channel: Channel;
  region: Region;
  rep: RepSpec;
  /** Negative on return lines. */
  quantity: number;
  priceCents: number;
  amountCents: number;
  costCents: number;
}

export interface SalesResult {
  /** Sorted by day; within a day, orders in id order, then that day's returns. */
  lines: SaleLine[];
  /** Customers that appear in the sales, in first-seen order. */
  customers: Customer[];
  /** Net sales plus sales lost to competitor effects, in 分, keyed `${region}|${monthIndex}` (feeds market size). */
  counterfactualCents: Map<string, number>;
  /** Sales lost to each competitor effect, in 分. */
  lostCents: Map<string, number>;
  orders: number;
  returnLines: number;
}

/** Day-to-day noise on each channel's demand (weather, traffic, luck). */
const DAILY_NOISE_SIGMA = 0.08;
/** New products ramp up over this many days. */
const LAUNCH_RAMP_DAYS = 60;
/** Products fade after their first year on sale: demand × this per further year. */
const AGEING_FADE_PER_YEAR = 0.8;
/** Products on sale before 2023 are treated as launched on this day. */
const LEGACY_LAUNCH = dayFromIso('2022-03-01');
/** Each price cut lifts a product's demand (price elasticity). */
const PRICE_CUT_DEMAND_LIFT = 1.12;
/** Returns arrive this many days after the sale. */
const RETURN_DELAY_DAYS: [number, number] = [3, 25];
const DAYS_PER_YEAR = 365.25;

export function generateSales(catalog: Product[], rng: Random, customerRng: Random): SalesResult {
  const firstDay = dayFromIso(FIRST_DAY);
  const asOf = dayFromIso(AS_OF);
  const dayCount = asOf - firstDay + 1;
  const streams = buildStreams();

  // 1. Unscaled order intensity per day and stream.
  const intensity = new Float64Array(dayCount * streams.length);
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    const years = i / DAYS_PER_YEAR;
    const macro = macroLevel(day);
    const calendar = new Map<Channel, number>(CHANNELS.map((c) => [c, channelDayFactor(day, c) * rng.logNormal(1, DAILY_NOISE_SIGMA)]));
    streams.forEach((s, j) => {
      const growth = Math.pow(1 + CHANNEL_PROFILE[s.channel].growth + REGION_GROWTH_DELTA[s.region], years);
      const repTrend = Math.pow(1 + s.rep.growthDelta, years);
      intensity[i * streams.length + j] = s.baseWeight * growth * repTrend * macro * calendar.get(s.channel)!;
    });
  }

  // 2. Scale so that the expected number of lines (sales + returns) hits the target.
  let expectedLines = 0;
  streams.forEach((s, j) => {
    const profile = CHANNEL_PROFILE[s.channel];
    const perOrder = meanLines(profile.linesPerOrder) + profile.returnRate;
    for (let i = 0; i < dayCount; i++) expectedLines += intensity[i * streams.length + j] * perOrder;
  });
  const scale = TARGET_LINES / expectedLines;
  for (let k = 0; k < intensity.length; k++) intensity[k] *= scale;

  // 3. Customers, sized by each pool's expected orders.
  const expectedOrders = new Map<string, number>();
  streams.forEach((s, j) => {
    let sum = 0;
    for (let i = 0; i < dayCount; i++) sum += intensity[i * streams.length + j];
    expectedOrders.set(s.poolKey, (expectedOrders.get(s.poolKey) ?? 0) + sum);
  });
  const pools = buildCustomers(streams, expectedOrders, firstDay, asOf, customerRng);

  // 4. Day by day.
  const gen = new OrderWriter(catalog, rng, asOf);
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    const todays: Stream[] = [];
    streams.forEach((s, j) => {
      const n = rng.poisson(intensity[i * streams.length + j]);
      for (let k = 0; k < n; k++) todays.push(s);
    });
    rng.shuffle(todays);
    gen.startDay(day);
    for (const s of todays) gen.order(s, pools.get(s.poolKey)!.pick(day, rng));
    gen.endDay();
    streams.forEach((s, j) => (pools.get(s.poolKey)!.expectedRemaining -= intensity[i * streams.length + j]));
  }
  return gen.result();
}

/** Cumulative effect of the yearly macro adjustments up to `day` (compounded within each year). */
function macroLevel(day: Day): number {
  const first = dayFromIso(FIRST_DAY);
  let log = 0;
  for (const [year, adj] of Object.entries(MACRO_GROWTH_ADJUSTMENT)) {
    const start = Math.max(first, dayFromIso(`${year}-01-01`));
    const end = dayFromIso(`${Number(year) + 1}-01-01`);
    if (day <= start) continue;
    log += Math.log(1 + adj) * ((Math.min(day, end) - start) / DAYS_PER_YEAR);
  }
  return Math.exp(log);
}

function meanLines(p: readonly number[]): number {
  return p.reduce((sum, pk, k) => sum + pk * (k + 1), 0);
}

/** Builds order lines for one day at a time and keeps the running totals. */
class OrderWriter {
  private readonly lines: SaleLine[] = [];
  private readonly returnsByDay = new Map<Day, SaleLine[]>();
  private readonly seenCustomers = new Set<Customer>();
  private readonly customers: Customer[] = [];
  private readonly counterfactual = new Map<string, number>();
  private readonly lost = new Map<string, number>();
  private readonly effects = COMPETITOR_EFFECTS.map((e) => ({ ...e, fromDay: dayFromIso(e.from), toDay: dayFromIso(e.to) }));
  private day: Day = 0;
  private seq = 0;
  private orders = 0;
  private returnLines = 0;
  private productWeights = new Map<Category, number[]>();
  private categoryWeights = new Map<Channel, number[]>();

  constructor(
    private readonly catalog: Product[],
    private readonly rng: Random,
    private readonly asOf: Day,
  ) {}

  startDay(day: Day): void {
    this.day = day;
    this.seq = 0;
    const years = (day - dayFromIso(FIRST_DAY)) / DAYS_PER_YEAR;
    for (const category of CATEGORIES) {
      this.productWeights.set(
        category,
        this.catalog.map((p) => (p.category === category ? productDemand(p, day) : 0)),
      );
    }
    for (const channel of CHANNELS) {
      const mix = CHANNEL_PROFILE[channel].categoryMix;
      this.categoryWeights.set(
        channel,
        CATEGORIES.map((c) => mix[c] * Math.pow(1 + CATEGORY_TREND[c], years) * categoryDayFactor(day, c)),
      );
    }
  }

  order(stream: Stream, customer: Customer): void {
    const rng = this.rng;
    const profile = CHANNEL_PROFILE[stream.channel];
    const lineCount = rng.weightedIndex(profile.linesPerOrder) + 1;
    const chosen = new Set<Product>();
    const orderLines: SaleLine[] = [];
    for (let k = 0; k < lineCount; k++) {
      const category = CATEGORIES[rng.weightedIndex(this.categoryWeights.get(stream.channel)!)];
      let product = this.catalog[rng.weightedIndex(this.productWeights.get(category)!)];
      for (let retry = 0; retry < 3 && chosen.has(product); retry++) product = this.catalog[rng.weightedIndex(this.productWeights.get(category)!)];
      if (chosen.has(product)) continue;
      chosen.add(product);
      const line = this.line(stream, customer, product);
      const effect = this.effects.find((e) => e.region === stream.region && e.category === category && e.fromDay <= this.day && this.day <= e.toDay);
      this.addCounterfactual(line);
      if (effect && !rng.chance(effect.keep)) {
        // Lost to the competitor: counts in the market, not in our sales.
        this.lost.set(effect.eventId, (this.lost.get(effect.eventId) ?? 0) + line.amountCents);
        continue;
      }
      orderLines.push(line);
    }
    if (orderLines.length === 0) return;

    this.orders++;
    this.seq++;
    const orderId = `SO${compactFromDay(this.day)}-${String(this.seq).padStart(6, '0')}`;
    for (const l of orderLines) {
      l.orderId = orderId;
      this.lines.push(l);
    }
    if (!this.seenCustomers.has(customer)) {
      this.seenCustomers.add(customer);
      this.customers.push(customer);
    }
    if (rng.chance(profile.returnRate)) this.scheduleReturn(rng.pick(orderLines), customer.segment);
  }

  /** Appends the returns that fall due today, after today's orders. */
  endDay(): void {
    const due = this.returnsByDay.get(this.day);
    if (!due) return;
    for (const r of due) {
      this.lines.push(r);
      this.addCounterfactual(r);
      this.returnLines++;
    }
    this.returnsByDay.delete(this.day);
  }

  result(): SalesResult {
    return {
      lines: this.lines,
      customers: this.customers,
      counterfactualCents: this.counterfactual,
      lostCents: this.lost,
      orders: this.orders,
      returnLines: this.returnLines,
    };
  }

  private line(stream: Stream, customer: Customer, product: Product): SaleLine {
    const quantity = orderQuantity(this.rng, stream.segment, product.category);
    const discountPct = discountPercent(this.rng, stream.channel, this.day, quantity);
    const priceCents = Math.round((listPriceOn(product, this.day) * (100 - discountPct)) / 100);
    return {
      day: this.day,
      orderId: '',
      customer,
      product,
      channel: stream.channel,
      region: stream.region,
      rep: stream.rep,
      quantity,
      priceCents,
      amountCents: quantity * priceCents,
      costCents: quantity * product.costCents,
    };
  }

  /** A return: same price and cost per unit, negative quantity, order id + '-R'. */
  private scheduleReturn(sale: SaleLine, segment: Segment): void {
    const day = sale.day + this.rng.int(...RETURN_DELAY_DAYS);
    if (day > this.asOf) return;
    const quantity = segment === 'consumer' ? sale.quantity : this.rng.int(1, sale.quantity);
    const ret: SaleLine = {
      ...sale,
      day,
      orderId: `${sale.orderId}-R`,
      quantity: -quantity,
      amountCents: -quantity * sale.priceCents,
      costCents: -quantity * sale.product.costCents,
    };
    const due = this.returnsByDay.get(day) ?? [];
    due.push(ret);
    this.returnsByDay.set(day, due);
  }

  private addCounterfactual(line: SaleLine): void {
    const { year, month } = partsOf(line.day);
    const key = `${line.region}|${monthIndex(year, month)}`;
    this.counterfactual.set(key, (this.counterfactual.get(key) ?? 0) + line.amountCents);
  }
}

/** How much a product sells on `day` relative to its category siblings. */
function productDemand(p: Product, day: Day): number {
  if (day < p.launch) return 0;
  const ramp = Math.min(1, (day - p.launch + 1) / LAUNCH_RAMP_DAYS);
  const ageYears = (day - (p.legacy ? LEGACY_LAUNCH : p.launch)) / DAYS_PER_YEAR;
  const fade = Math.pow(AGEING_FADE_PER_YEAR, Math.max(0, ageYears - 1));
  const cuts = p.prices.filter((x) => x.from <= day).length - 1;
  return p.popularity * ramp * fade * Math.pow(PRICE_CUT_DEMAND_LIFT, cuts);
}

/** Median quantity per line for B2B buyers, by category (accessories go by the box). */
const B2B_MEDIAN_QTY: Record<'dealer' | 'enterprise', Record<Category, number>> = {
  dealer: { 手机: 4, 电脑: 3, 平板: 3, 耳机: 6, 智能手表: 5, 配件: 20 },
  enterprise: { 手机: 6, 电脑: 8, 平板: 6, 耳机: 5, 智能手表: 5, 配件: 15 },
};
const MAX_B2B_QTY = 300;

function orderQuantity(rng: Random, segment: Segment, category: Category): number {
  if (segment === 'consumer') {
    // Consumers buy one device; accessories sometimes in twos and threes.
    return category === '配件' ? rng.weightedIndex([0.6, 0.25, 0.1, 0.03, 0.02]) + 1 : rng.weightedIndex([0.9, 0.09, 0.01]) + 1;
  }
  const sigma = segment === 'dealer' ? 0.45 : 0.55;
  return Math.min(MAX_B2B_QTY, Math.max(1, Math.round(rng.logNormal(B2B_MEDIAN_QTY[segment][category], sigma))));
}

/** Dealers get a standard channel discount; key accounts get volume tiers. */
const DEALER_BASE_DISCOUNT = 5;
const KEY_ACCOUNT_TIERS: [minQty: number, pct: number][] = [
  [100, 12],
  [50, 10],
  [20, 7],
  [10, 5],
  [0, 3],
];

/** Discount in whole percent off the list price. */
function discountPercent(rng: Random, channel: Channel, day: Day, quantity: number): number {
  const festival = isShoppingFestival(day);
  switch (channel) {
    case '线上商城':
      if (festival) return rng.chance(0.7) ? rng.int(5, 15) : 0;
      return rng.chance(0.15) ? rng.int(3, 8) : 0;
    case '直营门店':
      if (festival) return rng.chance(0.3) ? rng.int(5, 10) : 0;
      return rng.chance(0.08) ? 5 : 0;
    case '经销商':
      return DEALER_BASE_DISCOUNT + (rng.chance(0.25) ? rng.int(2, 5) : 0);
    case '大客户':
      return KEY_ACCOUNT_TIERS.find(([min]) => quantity >= min)![1];
  }
}
