/**
 * Synthetic ERP sales exports for the benchmark: deterministic (seeded PRNG,
 * no Math.random), streamed to disk, ~95 bytes a row. A sidecar
 * `<file>.meta.json` records the row count, byte size and generator version,
 * so an existing file is reused only when it is complete and current.
 *
 * Columns: Order ID,Order Date,Customer,Product,Category,Channel,Region,
 * Sales Rep,Team,Quantity,Unit Price,Sales,Cost — ISO dates 2022-01-01 ..
 * 2025-12-31 (sorted, with growth), 5,000 customers (Pareto-weighted),
 * 60 products in 6 categories, 4 channels, 6 regions, 18 reps in 3 teams,
 * ~1.5 % return lines (negative quantity and amounts).
 *
 * Shape 'unsorted' (an ERP export in no particular order, as users have them): 11 columns with mixed
 * English/Chinese headers (订单号, 客户, 区域; no unit price or cost), one order id per line, Chinese
 * region names, each line's date drawn independently, so the rows are in no date order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 as prng } from '../sample/random';

/** Bump when the generated content changes, so old files are regenerated. */
export const GENERATOR_VERSION = 2;
const SEED = 20260105;

export const HEADER = 'Order ID,Order Date,Customer,Product,Category,Channel,Region,Sales Rep,Team,Quantity,Unit Price,Sales,Cost';
export const UNSORTED_HEADER = '订单号,Order Date,客户,Product,Category,Channel,区域,Sales Rep,Team,Quantity,Sales';
export type Shape = 'sorted' | 'unsorted';

export const CATEGORIES = ['Laptops', 'Monitors', 'Cables', 'Networking', 'Storage', 'Software'] as const;
const PRODUCT_STEM = ['NB', 'MON', 'CBL', 'NET', 'SSD', 'SW'];
/** List price range (yuan) and cost ratio per category. */
const PRICE_RANGE: [number, number][] = [
  [120, 900],
  [60, 400],
  [5, 60],
  [20, 300],
  [30, 250],
  [10, 500],
];
const COST_RATIO = [0.78, 0.72, 0.45, 0.6, 0.68, 0.3];
export const CHANNELS = ['Online', 'Retail', 'Distributor', 'Direct'] as const;
const CHANNEL_WEIGHTS = [0.38, 0.27, 0.22, 0.13];
export const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Northeast'] as const;
/** The same regions as the unsorted shape names them. */
export const REGIONS_CN = ['华北', '华南', '华东', '西部', '华中', '东北'] as const;
const REGION_WEIGHTS = [0.2, 0.19, 0.26, 0.12, 0.14, 0.09];
export const TEAMS = ['Key Acct', 'Growth', 'SMB'] as const;
const REP_NAMES = [
  'Li Wei', 'Wang Fang', 'Zhang Min', 'Liu Yang', 'Chen Jie', 'Yang Li',
  'Zhao Lei', 'Huang Yan', 'Zhou Tao', 'Wu Hui', 'Xu Jing', 'Sun Hao',
  'Hu Bo', 'Zhu Lin', 'Gao Xin', 'Lin Na', 'He Qiang', 'Guo Mei',
];
const CUSTOMERS = 5000;
const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = Math.round((Date.UTC(2025, 11, 31) - FIRST_DAY) / 86_400_000) + 1;
/** Relative growth in order volume from the first to the last day. */
const GROWTH = 0.6;

function pickWeighted(weights: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (u < acc) return i;
  }
  return weights.length - 1;
}

interface Product {
  name: string;
  category: number;
  listCents: number;
}

interface Customer {
  name: string;
  region: number;
  channel: number;
  rep: number;
}

function buildCatalog(rand: () => number): Product[] {
  const out: Product[] = [];
  for (let c = 0; c < CATEGORIES.length; c++) {
    const [lo, hi] = PRICE_RANGE[c];
    for (let k = 0; k < 10; k++) {
      const price = lo + (hi - lo) * rand() ** 1.5;
      out.push({ name: `${PRODUCT_STEM[c]}-${String(100 + c * 37 + k * 11)}`, category: c, listCents: Math.round(price * 10) * 10 - 10 });
    }
  }
  return out;
}

const SYLLABLES_A = ['Ba', 'Ko', 'Ma', 'Ri', 'Su', 'Te', 'Lo', 'Ne', 'Vi', 'Da', 'Fe', 'Gu', 'Ha', 'Ji', 'Ka', 'Pu', 'Zo'];
const SYLLABLES_B = ['ra', 'lo', 'ni', 'ta', 've', 'mo', 'si', 'ku', 'de', 'pa', 'ri', 'no', 'ga', 'le', 'to', 'ma', 'xi'];
const SUFFIX = ['Co', 'Ltd', 'AG', 'Inc', 'LLC', 'GmbH', 'SA', 'BV', 'Oy', 'AB', 'KK', 'Pty', 'SRL', 'AS', 'NV', 'Plc', 'SE', 'Lda'];

function buildCustomers(rand: () => number): Customer[] {
  // Reps: 3 per region; team = rep index mod 3 (each team covers every region).
  const out: Customer[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const a = i % SYLLABLES_A.length;
    const b = Math.floor(i / SYLLABLES_A.length) % SYLLABLES_B.length;
    const s = Math.floor(i / (SYLLABLES_A.length * SYLLABLES_B.length)) % SUFFIX.length;
    const region = pickWeighted(REGION_WEIGHTS, rand());
    out.push({
      name: `${SYLLABLES_A[a]}${SYLLABLES_B[b]}${SYLLABLES_B[(a + b) % SYLLABLES_B.length]} ${SUFFIX[s]}`,
      region,
      channel: pickWeighted(CHANNEL_WEIGHTS, rand()),
      rep: region * 3 + Math.floor(rand() * 3),
    });
  }
  return out;
}

/** Day offset for a position f ∈ [0,1) in the file, with volume growing linearly by GROWTH over the range. */
function dayAt(f: number): number {
  // Inverse CDF of density ∝ 1 + g·t on [0,1]: t = (−1 + √(1 + 2g·f·(1 + g/2))) / g
  const g = GROWTH;
  const t = (-1 + Math.sqrt(1 + 2 * g * f * (1 + g / 2))) / g;
  return Math.min(DAYS - 1, Math.floor(t * DAYS));
}

const isoCache: string[] = [];
function isoDay(offset: number): string {
  return (isoCache[offset] ??= new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10));
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${sign}${(abs - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
}

export interface GeneratedFile {
  path: string;
  rows: number;
  bytes: number;
  generated: boolean;
  seconds: number;
}

interface Meta {
  version: number;
  rows: number;
  bytes: number;
  shape?: Shape;
}

function readMeta(file: string): Meta | null {
  try {
    return JSON.parse(fs.readFileSync(`${file}.meta.json`, 'utf8')) as Meta;
  } catch {
    return null;
  }
}

/** Returns the file, generating it unless a complete one with `rows` rows and the current generator version exists. */
export async function ensureSalesCsv(file: string, rows: number, log: (s: string) => void = () => {}, shape: Shape = 'sorted'): Promise<GeneratedFile> {
  const meta = readMeta(file);
  const sameShape = (meta?.shape ?? 'sorted') === shape;
  if (meta && meta.version === GENERATOR_VERSION && meta.rows === rows && sameShape && fs.existsSync(file) && fs.statSync(file).size === meta.bytes) {
    return { path: file, rows, bytes: meta.bytes, generated: false, seconds: 0 };
  }
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp, { highWaterMark: 4 << 20 });
  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(chunk, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });

  const catalog = buildCatalog(prng(SEED ^ 0x1234));
  const customers = buildCustomers(prng(SEED ^ 0x5678));
  const rand = prng(SEED ^ rows);
  let bytes = 0;
  const unsorted = shape === 'unsorted';
  let chunk = `${unsorted ? UNSORTED_HEADER : HEADER}\n`;
  let orderNo = 1_000_000;
  let linesLeft = 0;
  let customer = customers[0];
  let day = '';
  let channel = 0;
  const logEvery = Math.max(1, Math.floor(rows / 10));
  for (let i = 0; i < rows; i++) {
    if (linesLeft === 0) {
      orderNo++;
      const u = rand();
      linesLeft = unsorted ? 1 : u < 0.45 ? 1 : u < 0.75 ? 2 : u < 0.92 ? 3 : 4;
      // Pareto-ish: a few customers buy a lot.
      customer = customers[Math.floor(CUSTOMERS * rand() ** 2.2)];
      day = isoDay(dayAt(unsorted ? rand() : i / rows));
      channel = rand() < 0.8 ? customer.channel : Math.floor(rand() * CHANNELS.length);
    }
    linesLeft--;
    const product = catalog[Math.floor(rand() * catalog.length)];
    const isReturn = rand() < 0.015;
    const qty = (1 + Math.floor(rand() ** 2.5 * 12)) * (isReturn ? -1 : 1);
    const unitCents = Math.round(product.listCents * (1 - rand() * 0.15));
    const salesCents = qty * unitCents;
    const costCents = Math.round(salesCents * COST_RATIO[product.category] * (0.92 + rand() * 0.16));
    chunk += unsorted
      ? `SO${orderNo},${day},${customer.name},${product.name},${CATEGORIES[product.category]},${CHANNELS[channel]},` +
        `${REGIONS_CN[customer.region]},${REP_NAMES[customer.rep]},${TEAMS[customer.rep % 3]},${qty},${money(salesCents)}\n`
      : `SO${orderNo},${day},${customer.name},${product.name},${CATEGORIES[product.category]},${CHANNELS[channel]},` +
        `${REGIONS[customer.region]},${REP_NAMES[customer.rep]},${TEAMS[customer.rep % 3]},${qty},${money(unitCents)},` +
        `${money(salesCents)},${money(costCents)}\n`;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      await write(chunk);
      chunk = '';
    }
    if ((i + 1) % logEvery === 0) log(`  ${path.basename(file)}: ${Math.round(((i + 1) / rows) * 100)} %`);
  }
  bytes += Buffer.byteLength(chunk);
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  fs.renameSync(tmp, file);
  const size = fs.statSync(file).size;
  if (size !== bytes) throw new Error(`generator: wrote ${bytes} bytes but ${file} has ${size}`);
  fs.writeFileSync(`${file}.meta.json`, JSON.stringify({ version: GENERATOR_VERSION, rows, bytes, shape } satisfies Meta) + '\n');
  return { path: file, rows, bytes, generated: true, seconds: (performance.now() - started) / 1000 };
}

/** Values the filter-change step uses (they exist in every generated file of the shape). */
export const FILTER_VALUES = { region: REGIONS, channel: CHANNELS, category: CATEGORIES, team: TEAMS };
export const UNSORTED_FILTER_VALUES = { ...FILTER_VALUES, region: REGIONS_CN };
export const filterValuesOf = (shape: Shape) => (shape === 'unsorted' ? UNSORTED_FILTER_VALUES : FILTER_VALUES);
