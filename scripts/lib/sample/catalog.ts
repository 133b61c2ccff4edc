/**
 * The product catalogue: 60 products in 6 categories, each with a unit cost
 * and a list-price history (one or two price cuts between 2023 and as-of).
 */
import { AS_OF, CATEGORY_MARGIN, FIRST_DAY, MIN_MARGIN, type Category } from './assumptions';
import { dayFromIso, type Day } from './calendar';
import type { Random } from './random';

interface ProductSpec {
  name: string;
  category: Category;
  /** Launch list price in 元. */
  price: number;
  /** Launch date; null = on sale before the sample starts. */
  launch: string | null;
  /** Relative popularity within the category. */
  popularity: number;
}

const spec = (name: string, category: Category, price: number, launch: string | null, popularity: number): ProductSpec => ({
  name,
  category,
  price,
  launch,
  popularity,
});

const PRODUCT_SPECS: ProductSpec[] = [
  spec('星辰手机 X1', '手机', 3999, null, 1.2),
  spec('星辰手机 X1 Pro', '手机', 5499, null, 0.8),
  spec('星辰手机 X2', '手机', 4299, '2024-03-18', 1.3),
  spec('星辰手机 X2 Pro', '手机', 5999, '2024-03-18', 0.9),
  spec('星辰手机 X3', '手机', 4499, '2025-09-22', 1.4),
  spec('星辰手机 Lite 5', '手机', 1699, null, 1.2),
  spec('星辰手机 Lite 6', '手机', 1799, '2024-08-12', 1.2),
  spec('星辰手机 Max 8', '手机', 6999, null, 0.5),
  spec('星辰手机 Fold 2', '手机', 8999, '2024-10-15', 0.3),
  spec('星辰手机 S 青春版', '手机', 1299, null, 1.0),

  spec('星辰笔记本 Air 13', '电脑', 4999, null, 1.2),
  spec('星辰笔记本 Air 15', '电脑', 5799, null, 0.9),
  spec('星辰笔记本 Pro 14', '电脑', 7999, null, 1.0),
  spec('星辰笔记本 Pro 16', '电脑', 9999, null, 0.6),
  spec('星辰笔记本 Pro 14 (2025)', '电脑', 8499, '2025-03-10', 1.1),
  spec('星辰游戏本 G7', '电脑', 8999, null, 0.5),
  spec('星辰商务本 B14', '电脑', 5499, null, 1.0),
  spec('星辰商务本 B14 Gen2', '电脑', 5999, '2024-06-03', 1.0),
  spec('星辰台式机 M1', '电脑', 3999, null, 0.6),
  spec('星辰一体机 A24', '电脑', 5299, '2026-03-02', 0.7),

  spec('云帆平板 10', '平板', 1999, null, 1.2),
  spec('云帆平板 11', '平板', 2299, '2024-05-20', 1.2),
  spec('云帆平板 11 Pro', '平板', 3499, null, 0.8),
  spec('云帆平板 12.4 Pro', '平板', 4299, '2024-05-20', 0.7),
  spec('云帆平板 mini', '平板', 2599, null, 0.6),
  spec('云帆平板 SE', '平板', 1299, null, 1.0),
  spec('云帆学习平板 S1', '平板', 2799, '2024-07-08', 0.8),
  spec('云帆平板 Paper 墨水屏', '平板', 2199, '2025-04-14', 0.5),
  spec('云帆儿童平板 8', '平板', 999, null, 0.7),
  spec('云帆平板 13 Ultra', '平板', 5699, '2026-04-13', 0.5),

  spec('声动耳机 Buds 3', '耳机', 499, null, 1.3),
  spec('声动耳机 Buds 3 Pro', '耳机', 899, null, 1.0),
  spec('声动耳机 Buds 4', '耳机', 599, '2024-04-08', 1.3),
  spec('声动耳机 Buds 4 Pro', '耳机', 899, '2025-04-07', 0.7),
  spec('声动耳机 Buds 5', '耳机', 649, '2026-04-20', 1.2),
  spec('声动头戴耳机 H1', '耳机', 1499, null, 0.5),
  spec('声动降噪耳机 ANC 2', '耳机', 1199, '2024-09-02', 0.4),
  spec('声动运动耳机 S2', '耳机', 399, null, 0.9),
  spec('声动开放式耳机 Open', '耳机', 699, '2025-06-09', 0.6),
  spec('声动耳机 Lite', '耳机', 199, null, 1.2),

  spec('时光手表 GT 3', '智能手表', 1488, null, 1.0),
  spec('时光手表 GT 4', '智能手表', 1588, '2024-09-23', 1.1),
  spec('时光手表 GT 5', '智能手表', 1688, '2026-05-18', 1.1),
  spec('时光手表 Pro', '智能手表', 2999, '2025-10-20', 0.5),
  spec('时光手表 Fit 2', '智能手表', 999, null, 0.9),
  spec('时光手表 Fit 3', '智能手表', 1099, '2025-03-17', 0.9),
  spec('时光儿童手表 K3', '智能手表', 799, null, 0.8),
  spec('时光手环 8', '智能手表', 269, null, 1.2),
  spec('时光手环 9', '智能手表', 299, '2024-06-24', 1.2),
  spec('时光运动手表 R1', '智能手表', 1999, null, 0.5),

  spec('星辰快充充电器 65W', '配件', 149, null, 1.3),
  spec('星辰快充充电器 120W', '配件', 229, '2024-03-18', 0.9),
  spec('星辰磁吸移动电源 10000mAh', '配件', 199, null, 1.0),
  spec('星辰数据线 C-C 1m', '配件', 49, null, 1.4),
  spec('星辰手机保护壳', '配件', 79, null, 1.2),
  spec('星辰钢化膜', '配件', 39, null, 1.3),
  spec('星辰无线鼠标', '配件', 129, null, 0.8),
  spec('星辰蓝牙键盘', '配件', 299, null, 0.6),
  spec('星辰手写笔 2', '配件', 499, '2024-05-20', 0.5),
  spec('星辰扩展坞 8合1', '配件', 399, null, 0.5),
];

/** The last price cut happens at least this long before as-of, so it shows in the data. */
const LAST_CUT_BEFORE_AS_OF_DAYS = 30;
/** A product's first price cut comes this many days after launch (or after the sample starts). */
const FIRST_CUT_AFTER_DAYS: [number, number] = [150, 400];
const SECOND_CUT_AFTER_DAYS: [number, number] = [240, 420];

export interface PricePoint {
  from: Day;
  /** List price in 分 (cents) from that day. */
  priceCents: number;
}

export interface Product {
  name: string;
  category: Category;
  /** First day on sale (the sample's first day for products launched earlier). */
  launch: Day;
  /** True if launched before the sample starts (its sales fade as successors arrive). */
  legacy: boolean;
  popularity: number;
  /** Unit cost in 分, constant over time. */
  costCents: number;
  /** List prices, ascending by `from`; the first entry starts at `launch`. */
  prices: PricePoint[];
}

/** Chinese retail price points: …99 above 1,000, …9 below. */
function retailPrice(yuan: number): number {
  if (yuan >= 1000) return Math.round(yuan / 100) * 100 - 1;
  if (yuan >= 100) return Math.round(yuan / 10) * 10 - 1;
  return Math.max(9, Math.round(yuan / 5) * 5 - 1);
}

function marginAt(priceYuan: number, costCents: number): number {
  return 1 - costCents / (priceYuan * 100);
}

/** The list price after a cut of about `share`, or null if it would break the margin floor. */
function cutPrice(priceYuan: number, share: number, costCents: number): number | null {
  let next = retailPrice(priceYuan * (1 - share));
  if (next >= priceYuan) next = retailPrice(priceYuan - (priceYuan >= 1000 ? 100 : priceYuan >= 100 ? 10 : 5));
  if (next >= priceYuan || marginAt(next, costCents) < MIN_MARGIN) return null;
  return next;
}

export function buildCatalog(rng: Random): Product[] {
  const first = dayFromIso(FIRST_DAY);
  const lastCut = dayFromIso(AS_OF) - LAST_CUT_BEFORE_AS_OF_DAYS;
  return PRODUCT_SPECS.map((s) => {
    const launch = s.launch ? dayFromIso(s.launch) : first;
    const [lo, hi] = CATEGORY_MARGIN[s.category];
    const costCents = Math.round(s.price * 100 * (1 - rng.range(lo, hi)));
    const prices: PricePoint[] = [{ from: launch, priceCents: s.price * 100 }];

    // One price cut for every product (a late launch gets it shortly before as-of),
    // a second one for about half of them when there is time and margin left.
    let price = s.price;
    const cut1 = Math.min(launch + rng.int(...FIRST_CUT_AFTER_DAYS), lastCut);
    const firstCut = cutPrice(price, rng.range(0.05, 0.1), costCents) ?? cutPrice(price, 0.03, costCents);
    if (firstCut === null) throw new Error(`no room for a price cut on ${s.name}`);
    price = firstCut;
    prices.push({ from: cut1, priceCents: price * 100 });
    const cut2 = cut1 + rng.int(...SECOND_CUT_AFTER_DAYS);
    if (rng.chance(0.5) && cut2 <= lastCut) {
      const second = cutPrice(price, rng.range(0.04, 0.08), costCents);
      if (second !== null) prices.push({ from: cut2, priceCents: second * 100 });
    }
    return { name: s.name, category: s.category, launch, legacy: s.launch === null, popularity: s.popularity, costCents, prices };
  });
}

/** The list price (分) in force on `day`. */
export function listPriceOn(product: Product, day: Day): number {
  let cents = product.prices[0].priceCents;
  for (const p of product.prices) if (p.from <= day) cents = p.priceCents;
  return cents;
}
