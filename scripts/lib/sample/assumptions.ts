/**
 * The business assumptions behind the sample workspace, in one place.
 *
 * The sample company (示例公司) is a mid-sized Chinese consumer-electronics
 * brand that sells its own products through four channels and three sales
 * teams. Every number here is a made-up but plausible assumption; the
 * generator only turns them into rows. data/README.md documents the result.
 */
import { dayFromIso } from './calendar';

/**
 * Fixed seed: the same sample on every run. Any seed gives the same story in
 * expectation; this one was picked among the first few because its random
 * noise keeps each headline effect clean (growth 10–18 %/year, the 耳机
 * promotion ~−40 % YoY, 吴强 clearly the fastest grower).
 */
export const SEED = 3;

export const FIRST_DAY = '2023-01-01';
/** The data's as-of date: the last day with sales (3 full years + 2026 YTD). */
export const AS_OF = '2026-11-24';
export const YEARS = [2023, 2024, 2025, 2026] as const;

/** Roughly this many sales lines in total (the issue asks for >= 200k). */
export const TARGET_LINES = 240_000;

// ---------------------------------------------------------------------------
// Calendar effects (China)

/** Spring Festival (春节, lunar new year's day): sales dip around it. */
export const SPRING_FESTIVAL = ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17'].map(dayFromIso);

// ---------------------------------------------------------------------------
// Dimensions

export const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北'] as const;
export type Region = (typeof REGIONS)[number];

/** Share of demand per region at the start (华东 is the richest market). */
export const REGION_WEIGHT: Record<Region, number> = {
  华东: 0.28,
  华南: 0.22,
  华北: 0.18,
  华中: 0.13,
  西南: 0.12,
  西北: 0.07,
};

/**
 * Extra yearly growth per region on top of the channel's growth: the west is
 * catching up, the north is saturated.
 */
export const REGION_GROWTH_DELTA: Record<Region, number> = {
  华东: 0,
  华南: 0.01,
  华北: -0.03,
  华中: 0.02,
  西南: 0.05,
  西北: 0.03,
};

/**
 * Economy-wide adjustment of every stream's growth in a given year: 2024 was a
 * good year, 2025–2026 slower (the 20 % plan for 2026 proves too ambitious).
 */
export const MACRO_GROWTH_ADJUSTMENT: Record<number, number> = { 2023: 0, 2024: 0.04, 2025: -0.06, 2026: -0.03 };

export const CATEGORIES = ['手机', '电脑', '平板', '耳机', '智能手表', '配件'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Gross margin at the launch list price, by category (uniform in the range). */
export const CATEGORY_MARGIN: Record<Category, [number, number]> = {
  手机: [0.27, 0.36],
  电脑: [0.26, 0.33],
  平板: [0.3, 0.38],
  耳机: [0.36, 0.45],
  智能手表: [0.34, 0.43],
  配件: [0.4, 0.45],
};

/** Relative yearly drift of each category's share (wearables rise, tablets fade). */
export const CATEGORY_TREND: Record<Category, number> = {
  手机: 0,
  电脑: 0,
  平板: -0.08,
  耳机: 0,
  智能手表: 0.12,
  配件: 0,
};

/** Margin floor kept by price cuts (issue: margins 20–45 %). */
export const MIN_MARGIN = 0.21;

export type Segment = 'consumer' | 'dealer' | 'enterprise';

export const CHANNELS = ['线上商城', '经销商', '直营门店', '大客户'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ChannelProfile {
  /** Who buys through the channel (decides the customer pool). */
  segment: Segment;
  /** Share of orders at the start. */
  orderShare: number;
  /** Yearly order growth (online grows fastest, own stores slowest). */
  growth: number;
  /** Order intensity by weekday, Sunday first. */
  weekday: [number, number, number, number, number, number, number];
  /** Distribution of lines per order: P(1), P(2), P(3), P(4). */
  linesPerOrder: [number, number, number, number];
  /** Category mix of the channel's lines. */
  categoryMix: Record<Category, number>;
  /** Probability that an order has a (partial) return. */
  returnRate: number;
}

export const CHANNEL_PROFILE: Record<Channel, ChannelProfile> = {
  线上商城: {
    segment: 'consumer',
    orderShare: 0.52,
    growth: 0.14,
    weekday: [1.15, 0.95, 0.95, 0.95, 0.97, 1.0, 1.15],
    linesPerOrder: [0.62, 0.25, 0.09, 0.04],
    categoryMix: { 手机: 0.22, 电脑: 0.1, 平板: 0.1, 耳机: 0.24, 智能手表: 0.12, 配件: 0.22 },
    returnRate: 0.02,
  },
  经销商: {
    segment: 'dealer',
    orderShare: 0.16,
    growth: 0.08,
    weekday: [0.15, 1.15, 1.15, 1.15, 1.15, 1.1, 0.4],
    linesPerOrder: [0.3, 0.3, 0.22, 0.18],
    categoryMix: { 手机: 0.28, 电脑: 0.14, 平板: 0.12, 耳机: 0.18, 智能手表: 0.1, 配件: 0.18 },
    returnRate: 0.01,
  },
  直营门店: {
    segment: 'consumer',
    orderShare: 0.26,
    growth: 0.03,
    weekday: [1.55, 0.8, 0.8, 0.85, 0.9, 1.1, 1.6],
    linesPerOrder: [0.62, 0.25, 0.09, 0.04],
    categoryMix: { 手机: 0.3, 电脑: 0.12, 平板: 0.12, 耳机: 0.18, 智能手表: 0.12, 配件: 0.16 },
    returnRate: 0.016,
  },
  大客户: {
    segment: 'enterprise',
    orderShare: 0.06,
    growth: 0.11,
    weekday: [0.05, 1.2, 1.2, 1.2, 1.2, 1.15, 0.2],
    linesPerOrder: [0.45, 0.3, 0.15, 0.1],
    categoryMix: { 手机: 0.25, 电脑: 0.4, 平板: 0.18, 耳机: 0.07, 智能手表: 0.05, 配件: 0.05 },
    returnRate: 0.008,
  },
};

// ---------------------------------------------------------------------------
// Organisation: 3 teams, 18 reps

export const COMPANY_UNIT = '公司';

export const TEAMS = ['北方团队', '南方团队', '大客户团队'] as const;
export type Team = (typeof TEAMS)[number];

export const TEAM_MANAGER: Record<Team, string> = {
  北方团队: '赵建国',
  南方团队: '郑志强',
  大客户团队: '林海涛',
};

/** Regional teams sell online, in stores and to dealers; the key-account team sells the 大客户 channel. */
export const CHANNEL_TEAM: Record<Channel, 'regional' | '大客户团队'> = {
  线上商城: 'regional',
  经销商: 'regional',
  直营门店: 'regional',
  大客户: '大客户团队',
};

export interface RepSpec {
  name: string;
  team: Team;
  /** Main region first, optional secondary region second. */
  regions: [Region] | [Region, Region];
  /** Relative size of the rep's book within their region. */
  size: number;
  /** Yearly growth of the rep's book relative to the market (0 = average). */
  growthDelta: number;
  /** Mean survey score (1–5) at the start and its yearly drift. */
  satisfaction: number;
  satisfactionDrift: number;
  /** Customer visits per full month. */
  visits: number;
  /** Share of closed opportunities won. */
  winRate: number;
}

/**
 * The star with a catch (the seed's example: "销售额增长率高,但客户满意度低"):
 * 吴强 grows his book far faster than anyone, by pushing hard, and his
 * customer-satisfaction scores are clearly the lowest and falling.
 */
export const HIGH_GROWTH_LOW_SATISFACTION_REP = '吴强';

export const REPS: RepSpec[] = [
  // 北方团队 (华北, 华中, 西北)
  { name: '王磊', team: '北方团队', regions: ['华北'], size: 1.1, growthDelta: 0.01, satisfaction: 4.45, satisfactionDrift: 0.0, visits: 46, winRate: 0.36 },
  { name: '李娜', team: '北方团队', regions: ['华北'], size: 1.0, growthDelta: -0.02, satisfaction: 4.6, satisfactionDrift: 0.01, visits: 42, winRate: 0.34 },
  { name: '张敏', team: '北方团队', regions: ['华北', '西北'], size: 0.9, growthDelta: 0.02, satisfaction: 4.3, satisfactionDrift: 0.02, visits: 50, winRate: 0.31 },
  { name: '刘洋', team: '北方团队', regions: ['华中'], size: 1.0, growthDelta: 0.03, satisfaction: 4.35, satisfactionDrift: 0.0, visits: 48, winRate: 0.38 },
  { name: '陈静', team: '北方团队', regions: ['华中'], size: 0.9, growthDelta: -0.01, satisfaction: 4.5, satisfactionDrift: -0.01, visits: 40, winRate: 0.33 },
  { name: '杨帆', team: '北方团队', regions: ['西北', '华中'], size: 1.0, growthDelta: 0.0, satisfaction: 4.2, satisfactionDrift: 0.03, visits: 44, winRate: 0.29 },
  // 南方团队 (华东, 华南, 西南)
  { name: '黄伟', team: '南方团队', regions: ['华东'], size: 1.1, growthDelta: 0.0, satisfaction: 4.4, satisfactionDrift: 0.0, visits: 47, winRate: 0.37 },
  { name: '周婷', team: '南方团队', regions: ['华东'], size: 1.0, growthDelta: 0.02, satisfaction: 4.55, satisfactionDrift: 0.01, visits: 45, winRate: 0.4 },
  { name: '吴强', team: '南方团队', regions: ['华东'], size: 0.8, growthDelta: 0.28, satisfaction: 3.65, satisfactionDrift: -0.18, visits: 68, winRate: 0.47 },
  { name: '徐丽', team: '南方团队', regions: ['华南'], size: 1.0, growthDelta: 0.01, satisfaction: 4.4, satisfactionDrift: 0.0, visits: 44, winRate: 0.35 },
  { name: '孙浩', team: '南方团队', regions: ['华南'], size: 1.0, growthDelta: -0.03, satisfaction: 4.1, satisfactionDrift: -0.02, visits: 39, winRate: 0.3 },
  { name: '马超', team: '南方团队', regions: ['华南', '西南'], size: 0.9, growthDelta: 0.02, satisfaction: 4.25, satisfactionDrift: 0.01, visits: 49, winRate: 0.33 },
  { name: '朱琳', team: '南方团队', regions: ['西南'], size: 1.0, growthDelta: 0.04, satisfaction: 4.5, satisfactionDrift: 0.01, visits: 46, winRate: 0.39 },
  { name: '胡军', team: '南方团队', regions: ['西南'], size: 0.8, growthDelta: 0.0, satisfaction: 4.3, satisfactionDrift: 0.0, visits: 41, winRate: 0.32 },
  // 大客户团队 (national key accounts; each rep two regions)
  { name: '郭鹏', team: '大客户团队', regions: ['华东', '华中'], size: 1.1, growthDelta: 0.02, satisfaction: 4.5, satisfactionDrift: 0.0, visits: 24, winRate: 0.42 },
  { name: '何雪', team: '大客户团队', regions: ['华南', '西南'], size: 1.0, growthDelta: 0.01, satisfaction: 4.55, satisfactionDrift: 0.01, visits: 22, winRate: 0.41 },
  { name: '高峰', team: '大客户团队', regions: ['华北', '西北'], size: 1.0, growthDelta: -0.02, satisfaction: 4.35, satisfactionDrift: 0.0, visits: 20, winRate: 0.36 },
  { name: '罗斌', team: '大客户团队', regions: ['华中', '西南'], size: 0.9, growthDelta: 0.03, satisfaction: 4.4, satisfactionDrift: 0.02, visits: 23, winRate: 0.39 },
];

/** A secondary region carries this much of a rep's weight relative to the main one. */
export const SECONDARY_REGION_WEIGHT = 0.4;

// ---------------------------------------------------------------------------
// Customers

/** ~5,000 customers in total. */
export const CUSTOMER_COUNT: Record<Segment, number> = { consumer: 4200, dealer: 600, enterprise: 200 };

/** Share of each segment's customers who buy exactly once. */
export const ONE_OFF_SHARE: Record<Segment, number> = { consumer: 0.45, dealer: 0.1, enterprise: 0.15 };

/**
 * Purchase frequency of repeat customers relative to their pool: businesses
 * have a heavy Pareto tail (a few giant dealers and key accounts), consumers a
 * milder log-normal spread (nobody buys a phone every day).
 */
export type FrequencyModel = { kind: 'pareto'; alpha: number; cap: number } | { kind: 'lognormal'; sigma: number; cap: number };
export const PURCHASE_FREQUENCY: Record<Segment, FrequencyModel> = {
  consumer: { kind: 'lognormal', sigma: 0.7, cap: 5 },
  dealer: { kind: 'pareto', alpha: 1.15, cap: 60 },
  enterprise: { kind: 'pareto', alpha: 1.05, cap: 60 },
};

/** Share of repeat customers already buying on the first day; the rest are acquired over time. */
export const EXISTING_CUSTOMER_SHARE = 0.55;
/** Share of repeat customers who stop buying at some point (churn), and their mean lifetime. */
export const CHURN_SHARE = 0.25;
export const CHURN_MEAN_DAYS = 500;

// ---------------------------------------------------------------------------
// Competitor effects on our sales (see market.ts for the events themselves)

export interface CompetitorEffect {
  eventId: string;
  region: Region;
  category: Category;
  from: string;
  to: string;
  /** Share of our lines in that region × category that survive. */
  keep: number;
}

/**
 * The headline competitor promotion: 蓝鲸数码's 耳机 "买一送一" in 华南 takes
 * 55 % of our 耳机 lines there for all of 2025-Q3; against the category's
 * underlying growth that shows as roughly −40 % year on year (−47 % with this
 * seed) while other regions grow. A milder 电脑 price cut
 * by 北辰科技 in 华北 costs ~10 % for a while in 2026.
 */
export const COMPETITOR_EFFECTS: CompetitorEffect[] = [
  { eventId: 'ev-2025q3-lanjing-earbuds-south', region: '华南', category: '耳机', from: '2025-07-01', to: '2025-09-30', keep: 0.45 },
  { eventId: 'ev-2026-beichen-laptop-cut-north', region: '华北', category: '电脑', from: '2026-03-16', to: '2026-06-30', keep: 0.9 },
];

// ---------------------------------------------------------------------------
// Targets and budget

/** Planned growth over the previous year's actual, per fiscal year (version 1). */
export const PLAN_GROWTH: Record<number, number> = { 2023: 0.15, 2024: 0.15, 2025: 0.16, 2026: 0.2 };
/**
 * The sample has no 2022 sales; the 2023 plan assumes 2022 was 2023's actual
 * divided by this (the business grew ~12 % in 2023).
 */
export const ASSUMED_2022_TO_2023_GROWTH = 0.12;
/** 2026 mid-year revision: H2 growth over 2025 lowered from 20 % to 15 %. */
export const REVISION_2026 = {
  version: 2,
  created: '2026-06-26',
  effectiveFrom: '2026-07-01',
  growth: 0.11,
  /** The generator appends the actual H1 growth it observed. */
  reason: '下半年增长目标由20%下调至15%',
};
/** Company monthly targets are round numbers (元). */
export const TARGET_ROUNDING = 10_000;

export const BUDGET_YEARS = [2025, 2026] as const;
/** Selling expense: a variable share of revenue plus a fixed cost per rep per month (元). */
export const SELLING_EXPENSE_RATE: Record<Team, number> = { 北方团队: 0.07, 南方团队: 0.065, 大客户团队: 0.045 };
export const SELLING_EXPENSE_PER_REP_MONTH = 42_000;
/** Budgeted gross margin = last year's actual margin + this much (finance's optimism). */
export const BUDGET_MARGIN_UPLIFT = 0.005;

// ---------------------------------------------------------------------------
// Market

/** Our estimated share of each regional market at the start, and its yearly gain. */
export const OUR_SHARE_START: Record<Region, number> = {
  华东: 0.125,
  华南: 0.12,
  华北: 0.1,
  华中: 0.115,
  西南: 0.1,
  西北: 0.095,
};
export const OUR_SHARE_GAIN_PER_YEAR = 0.006;
/** Market data lag: the last market-size month is the last complete month before as-of. */
export const MARKET_LAST_MONTH = '2026-10-01';
export const MARKET_ROUNDING = 10_000;
