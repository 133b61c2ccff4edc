/**
 * Chinese-market seasonality: the Spring Festival dip, the 618 and Double 11
 * shopping festivals, Golden Week and May Day, B2B quarter-end pushes and
 * weekday patterns. All factors multiply a channel's daily order intensity.
 */
import { CHANNEL_PROFILE, SPRING_FESTIVAL, type Category, type Channel } from './assumptions';
import { partsOf, weekday, daysInMonth, type Day } from './calendar';

type Kind = 'online' | 'store' | 'b2b';

const KIND: Record<Channel, Kind> = { 线上商城: 'online', 直营门店: 'store', 经销商: 'b2b', 大客户: 'b2b' };

/**
 * Spring Festival: shoppers buy gifts in the weeks before (年货节), logistics
 * and offices stop from a few days before until the 7th day, and business
 * ramps back up over the following week. B2B stops almost completely.
 */
const SPRING = {
  preBoost: { online: 1.15, store: 1.12, b2b: 1.05 } as Record<Kind, number>,
  edge: { online: 0.7, store: 0.65, b2b: 0.45 } as Record<Kind, number>,
  holiday: { online: 0.32, store: 0.3, b2b: 0.08 } as Record<Kind, number>,
};

function springFestivalFactor(day: Day, kind: Kind): number {
  for (const cny of SPRING_FESTIVAL) {
    const o = day - cny;
    if (o < -28 || o > 14) continue;
    if (o <= -11) return SPRING.preBoost[kind];
    if (o <= -4) return lerp(1, SPRING.edge[kind], (o + 10) / 6);
    if (o <= 6) return SPRING.holiday[kind];
    return lerp(SPRING.edge[kind], 1, (o - 7) / 7);
  }
  return 1;
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** 618 (June 1–18, peak on the 18th) and Double 11 (Nov 1–11, peak on the 11th). */
const FESTIVAL = {
  d618: { online: 2.2, store: 1.3, b2b: 1.0 } as Record<Kind, number>,
  d618Peak: { online: 4.0, store: 1.8, b2b: 1.0 } as Record<Kind, number>,
  d11: { online: 2.5, store: 1.35, b2b: 1.0 } as Record<Kind, number>,
  d11Peak: { online: 5.0, store: 2.0, b2b: 1.0 } as Record<Kind, number>,
  /** Dealers stock up in the week or two before each festival and restock during it. */
  dealerStocking: 1.3,
  dealerDuringFestival: 1.2,
  goldenWeek: { online: 1.1, store: 1.6, b2b: 0.25 } as Record<Kind, number>,
  mayDay: { online: 1.05, store: 1.35, b2b: 0.35 } as Record<Kind, number>,
  /** B2B pushes in the last week of each quarter; key accounts spend leftover budget in December. */
  quarterEnd: 1.3,
  keyAccountDecember: 1.2,
};

function festivalFactor(day: Day, channel: Channel, kind: Kind): number {
  const { month, dom, year } = partsOf(day);
  let f = 1;
  if (month === 6 && dom <= 18) f *= dom === 18 ? FESTIVAL.d618Peak[kind] : FESTIVAL.d618[kind];
  if (month === 11 && dom <= 11) f *= dom === 11 ? FESTIVAL.d11Peak[kind] : FESTIVAL.d11[kind];
  if (channel === '经销商' && ((month === 5 && dom >= 20) || (month === 10 && dom >= 20))) f *= FESTIVAL.dealerStocking;
  if (channel === '经销商' && isShoppingFestival(day)) f *= FESTIVAL.dealerDuringFestival;
  if (month === 10 && dom <= 7) f *= FESTIVAL.goldenWeek[kind];
  if (month === 5 && dom <= 5) f *= FESTIVAL.mayDay[kind];
  if (kind === 'b2b' && month % 3 === 0 && dom > daysInMonth(year, month) - 7) f *= FESTIVAL.quarterEnd;
  if (channel === '大客户' && month === 12) f *= FESTIVAL.keyAccountDecember;
  return f;
}

/** Everything calendar-related for one channel on one day. */
export function channelDayFactor(day: Day, channel: Channel): number {
  const kind = KIND[channel];
  return CHANNEL_PROFILE[channel].weekday[weekday(day)] * springFestivalFactor(day, kind) * festivalFactor(day, channel, kind);
}

/** True during 618 and Double 11, when online shops discount most lines. */
export function isShoppingFestival(day: Day): boolean {
  const { month, dom } = partsOf(day);
  return (month === 6 && dom <= 18) || (month === 11 && dom <= 11);
}

/** Back to school (mid-August to mid-September): laptops and tablets sell more. */
const BACK_TO_SCHOOL: Partial<Record<Category, number>> = { 电脑: 1.5, 平板: 1.3 };

export function categoryDayFactor(day: Day, category: Category): number {
  const { month, dom } = partsOf(day);
  const backToSchool = (month === 8 && dom >= 10) || (month === 9 && dom <= 15);
  return backToSchool ? (BACK_TO_SCHOOL[category] ?? 1) : 1;
}
