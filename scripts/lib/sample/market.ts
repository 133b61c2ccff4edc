/**
 * The market around the sample company: monthly market size per region
 * (our sales are ~10–15 % of it, share slowly rising), competitors, dated
 * competitor events and SWOT notes (data/market.json).
 */
import type { Competitor, CompetitorEvent, SwotCard, MarketData as MarketDocument } from '../../../src/lib/market/market-data';
import {
  COMPETITOR_EFFECTS,
  FIRST_DAY,
  MARKET_LAST_MONTH,
  MARKET_ROUNDING,
  OUR_SHARE_GAIN_PER_YEAR,
  OUR_SHARE_START,
  REGIONS,
  type Category,
  type Region,
} from './assumptions';
import { dayFromIso, dayFromParts, monthIndex, monthIso, monthOfIndex, partsOf } from './calendar';
import type { Random } from './random';

export interface MarketSizeRow {
  period: string;
  region: Region;
  /** 元 */
  amount: number;
}

/** Noise of the market-research estimate around the true value. */
const MARKET_ESTIMATE_SD = 0.03;

/**
 * Market size = what we would have sold without competitor actions, divided
 * by our underlying share (plus estimation noise). Our share therefore rises
 * slowly and only loses what competitors took from us (a small dent: market
 * size is per region, the promotion hit one category).
 */
export function buildMarketSize(counterfactualCents: Map<string, number>, rng: Random): MarketSizeRow[] {
  const first = partsOf(dayFromIso(FIRST_DAY));
  const last = partsOf(dayFromIso(MARKET_LAST_MONTH));
  const firstDay = dayFromIso(FIRST_DAY);
  const rows: MarketSizeRow[] = [];
  for (let i = monthIndex(first.year, first.month); i <= monthIndex(last.year, last.month); i++) {
    const { year, month } = monthOfIndex(i);
    const years = (dayFromParts(year, month, 15) - firstDay) / 365.25;
    for (const region of REGIONS) {
      const ours = (counterfactualCents.get(`${region}|${i}`) ?? 0) / 100;
      const share = OUR_SHARE_START[region] + OUR_SHARE_GAIN_PER_YEAR * years;
      const amount = (ours / share) * (1 + MARKET_ESTIMATE_SD * rng.normal());
      rows.push({ period: monthIso(year, month), region, amount: Math.round(amount / MARKET_ROUNDING) * MARKET_ROUNDING });
    }
  }
  return rows;
}

// The app's reader (src/lib/market/market-data.ts) defines the market.json format; the sample writes it.
export type { Competitor, CompetitorEvent, SwotCard, MarketData as MarketDocument } from '../../../src/lib/market/market-data';

const COMPETITORS: Competitor[] = [
  {
    id: 'jiguang',
    name: '极光电子',
    positioning: '高端旗舰,手机和笔记本为主,品牌溢价高',
    priceLevel: 'premium',
    share: { 华东: 0.24, 华南: 0.22, 华北: 0.23, 华中: 0.18, 西南: 0.17, 西北: 0.15 },
    strengths: ['品牌认知度高', '旗舰机型影像和性能领先', '直营体验店覆盖一二线城市'],
    weaknesses: ['价格高,中低端缺位', '渠道对经销商返利偏低', '三四线城市覆盖弱'],
    notes: '**市场领导者**。每年9月发布旗舰机,发布后1–2个月我们的高端机型(X Pro、Max)承压。\n\n- 大客户团队反映:政企采购中极光的品牌偏好明显\n- 应对:突出性价比和本地化服务',
  },
  {
    id: 'lanjing',
    name: '蓝鲸数码',
    positioning: '性价比,线上为主,耳机和配件价格战',
    priceLevel: 'value',
    share: { 华东: 0.15, 华南: 0.2, 华北: 0.12, 华中: 0.16, 西南: 0.18, 西北: 0.14 },
    strengths: ['线上流量运营能力强', '耳机、配件价格低', '华南供应链和仓储近'],
    weaknesses: ['品质投诉较多', '售后网点少', '大客户和政企几乎空白'],
    notes: '**主要价格竞争者**,总部在深圳。\n\n2025年第三季度在华南发起耳机"买一送一"促销,我们华南耳机销售额同比下滑明显(见事件)。促销结束后份额逐步回流。',
  },
  {
    id: 'beichen',
    name: '北辰科技',
    positioning: '商务电脑和政企市场,北方区域强',
    priceLevel: 'mid',
    share: { 华东: 0.08, 华南: 0.06, 华北: 0.17, 华中: 0.1, 西南: 0.07, 西北: 0.13 },
    strengths: ['政企客户关系深', '华北、西北经销网络密', '商务本耐用口碑好'],
    weaknesses: ['消费类产品设计老旧', '线上渠道弱', '可穿戴产品线缺失'],
    notes: '在华北政企采购中是我们大客户团队最直接的对手。2026年3月起在华北对商务本降价约12%。',
  },
  {
    id: 'yunque',
    name: '云雀智能',
    positioning: '可穿戴专家:智能手表和手环',
    priceLevel: 'mid',
    share: { 华东: 0.07, 华南: 0.08, 华北: 0.06, 华中: 0.06, 西南: 0.07, 西北: 0.05 },
    strengths: ['健康监测算法领先', '手表续航长', '运动人群口碑好'],
    weaknesses: ['产品线单一', '线下渠道少'],
    notes: '智能手表品类增长最快的对手,新品发布节奏快。我们的时光手表 GT 系列与其正面竞争。',
  },
];

const OTHER_EVENTS: CompetitorEvent[] = [
  {
    id: 'ev-2024-jiguang-flagship-launch',
    date: '2024-09-12',
    end: null,
    competitor: '极光电子',
    kind: 'launch',
    region: null,
    category: '手机',
    title: '极光电子发布新一代旗舰手机',
    notes: '全国发布,起售价5999元。影像升级明显,对我们的 X Pro 和 Max 系列形成压力。',
  },
  {
    id: 'ev-2025-yunque-watch-launch',
    date: '2025-04-10',
    end: null,
    competitor: '云雀智能',
    kind: 'launch',
    region: null,
    category: '智能手表',
    title: '云雀智能发布长续航运动手表',
    notes: '续航14天,定价1299元,直接对标时光手表 GT 系列。',
  },
];

export function buildMarketDocument(): MarketDocument {
  const promo = COMPETITOR_EFFECTS[0];
  const cut = COMPETITOR_EFFECTS[1];
  const events: CompetitorEvent[] = [
    OTHER_EVENTS[0],
    OTHER_EVENTS[1],
    {
      id: promo.eventId,
      date: promo.from,
      end: promo.to,
      competitor: '蓝鲸数码',
      kind: 'promotion' as const,
      region: promo.region,
      category: promo.category,
      title: '蓝鲸数码华南耳机"买一送一"促销',
      notes: `${promo.from} 至 ${promo.to},蓝鲸数码在${promo.region}线上线下同步对全系${promo.category}"买一送一"。\n\n- 我们${promo.region}${promo.category}销量约减少四成\n- 经销商要求补贴价差,未跟进价格战\n- 促销结束后逐步恢复`,
    },
    {
      id: cut.eventId,
      date: cut.from,
      end: cut.to,
      competitor: '北辰科技',
      kind: 'price_cut' as const,
      region: cut.region,
      category: cut.category,
      title: '北辰科技华北商务本降价约12%',
      notes: `${cut.from} 起北辰科技在${cut.region}政企和经销渠道下调商务本价格约12%,我们${cut.region}${cut.category}销售额受影响约一成。`,
    },
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { competitors: COMPETITORS, events, swot: SWOT };
}

const SWOT: SwotCard[] = [
  {
    id: 'swot-s-portfolio',
    quadrant: 'strength',
    scope: { type: 'company' },
    title: '产品线完整,生态协同',
    text: '手机、电脑、平板、耳机、手表和配件**六大品类**齐全,跨品类连带销售率高,大客户可一站式采购。',
  },
  {
    id: 'swot-s-east',
    quadrant: 'strength',
    scope: { type: 'region', value: '华东' },
    title: '华东渠道和客户基础最强',
    text: '华东贡献约三成销售额,经销商网络密、直营门店多,市场份额全国最高。',
  },
  {
    id: 'swot-s-ka',
    quadrant: 'strength',
    scope: { type: 'company' },
    title: '大客户团队服务口碑好',
    text: '政企和大客户续约率高,大客户团队满意度稳定在4.3分以上。',
  },
  {
    id: 'swot-w-northwest',
    quadrant: 'weakness',
    scope: { type: 'region', value: '西北' },
    title: '西北覆盖薄弱',
    text: '西北只有一名主责销售,经销商数量少,份额低于全国平均。',
  },
  {
    id: 'swot-w-satisfaction',
    quadrant: 'weakness',
    scope: { type: 'company' },
    title: '个别销售增长快但客户满意度低',
    text: '华东**吴强**销售额增长全公司最高,但客户满意度最低且持续下滑,存在过度承诺和压货风险。需要个别辅导,考核中加入满意度权重。',
    leadership: true,
  },
  {
    id: 'swot-w-tablet',
    quadrant: 'weakness',
    scope: { type: 'category', value: '平板' },
    title: '平板品类萎缩',
    text: '平板销售占比下滑(2024年约8.8%,2026年约7.9%),新品差异化不足。',
  },
  {
    id: 'swot-o-wearables',
    quadrant: 'opportunity',
    scope: { type: 'category', value: '智能手表' },
    title: '可穿戴需求快速增长',
    text: '智能手表年增长明显高于其他品类,健康监测功能带动换机。',
  },
  {
    id: 'swot-o-southwest',
    quadrant: 'opportunity',
    scope: { type: 'region', value: '西南' },
    title: '西南市场增长快',
    text: '成渝地区消费电子需求增长快于全国,可增加门店和经销商。',
  },
  {
    id: 'swot-o-tradein',
    quadrant: 'opportunity',
    scope: { type: 'company' },
    title: '以旧换新补贴',
    text: '2025年起消费电子以旧换新补贴扩大,利好手机、平板和手表的线上线下销售。',
  },
  {
    id: 'swot-t-pricewar',
    quadrant: 'threat',
    scope: { type: 'category', value: '耳机' },
    title: '耳机价格战',
    text: '蓝鲸数码以低价和"买一送一"抢占耳机市场,2025年第三季度华南耳机销售额明显下滑。',
  },
  {
    id: 'swot-t-beichen',
    quadrant: 'threat',
    scope: { type: 'region', value: '华北' },
    title: '华北政企竞争加剧',
    text: '北辰科技2026年在华北降价抢占商务本市场,大客户团队报价压力上升。',
    leadership: true,
  },
  {
    id: 'swot-t-memory',
    quadrant: 'threat',
    scope: { type: 'company' },
    title: '存储芯片涨价',
    text: '内存和闪存价格上涨压缩手机、电脑毛利,需要提前锁价或调整配置。',
  },
];
