/**
 * `npm run prepare-workspace` on a generated 30k-line export: the lines and the rollup against plain TS over
 * the file, every sum-only query equal on the rollup and on the lines, targets and budget normalised as the
 * app does, and the inputs it must refuse with a located message. (The 5M-row run is in test:real.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import writeExcelFile from 'write-excel-file/node';
import { ensureSalesCsv, TEAMS, FILTER_VALUES } from '../../scripts/lib/bench/generate';
import { prepareWorkspace, PrepareError, type PrepareSummary } from '../../scripts/lib/prepare/prepare';
import { checkRollupEquivalence, equivalenceCases } from './rollup-equivalence';
import { parseManifest } from '../../src/lib/load/sample';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-test-'));
const ROWS = 30_000;
let csv: string;
let summary: PrepareSummary;
/** The generated file parsed in plain TS: the independent reference. */
let lines: { date: string; customer: string; product: string; region: string; team: string; amount: number; order: string }[];
/** Per canonical field, its column in the generated file: to tell which are constant within orders. */
const COLUMNS: Record<string, string> = { date: 'Order Date', customer: 'Customer', product: 'Product', category: 'Category', channel: 'Channel', region: 'Region', rep: 'Sales Rep', team: 'Team' };
let constantWithinOrders: string[];

async function rows(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH '${file}' AS ws (READ_ONLY)`);
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  csv = (await ensureSalesCsv(path.join(dir, 'sales.csv'), ROWS)).path;
  const [header, ...body] = fs.readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(','));
  const at = (name: string) => header.indexOf(name);
  constantWithinOrders = Object.keys(COLUMNS).filter((field) => {
    const first = new Map<string, string>();
    return body.every((r) => {
      const order = r[at('Order ID')];
      const value = r[at(COLUMNS[field])];
      if (!first.has(order)) first.set(order, value);
      return first.get(order) === value;
    });
  });
  lines = body.map((r) => ({ date: r[at('Order Date')], customer: r[at('Customer')], product: r[at('Product')], region: r[at('Region')], team: r[at('Team')], amount: Number(r[at('Sales')]), order: r[at('Order ID')] }));
  // A wide targets file (team × year, M01..M12) and a budget file for the same teams.
  const months = Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
  fs.writeFileSync(path.join(dir, 'targets.csv'), [`Team,Year,${months.join(',')}`, ...TEAMS.map((t, i) => `${t},2025,${months.map((_, m) => 100_000 + 1_000 * i + m).join(',')}`)].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'budget.csv'), ['period,team,line,amount', ...TEAMS.flatMap((t) => ['2025-01-01', '2025-02-01'].map((p) => `${p},${t},revenue,50000`))].join('\n') + '\n');
  summary = await prepareWorkspace({ sales: [csv], out: path.join(dir, 'out'), name: 'test', targets: path.join(dir, 'targets.csv'), budget: path.join(dir, 'budget.csv') });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('prepare-workspace', () => {
  it('writes a manifest the app accepts, naming the rollup, targets and budget', () => {
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'workspace.json'), 'utf8')));
    expect(manifest.tables).toEqual({ sales: 'sales', sales_rollup: 'sales_rollup', customer_days: 'customer_days', targets: 'targets', budget: 'budget' });
    expect(manifest.asOf).toBe(lines.map((l) => l.date).sort().at(-1));
    // Orders count by their flags in the app when these are constant within orders (measured over the file).
    expect([...(manifest.orderConstant ?? [])].sort()).toEqual([...constantWithinOrders].sort());
    expect(constantWithinOrders).toContain('customer');
    expect(constantWithinOrders).not.toContain('product');
    expect(summary.lines).toBe(ROWS);
    // What the page would measure on opening, so it need not scan every line (profit filled as amount − cost).
    const dates = lines.map((l) => l.date).sort();
    expect(manifest.summary).toEqual({
      rows: ROWS,
      dataStart: dates[0],
      dataEnd: dates.at(-1),
      fields: ['date', 'amount', 'quantity', 'unit_price', 'cost', 'profit', 'order_id', 'customer', 'product', 'category', 'channel', 'region', 'rep', 'team'],
      // daily lines: some date is not the 1st of its month
      grain: dates.some((d) => !d.endsWith('-01')) ? 'day' : 'month',
    });
  });

  it('keeps every line, and the rollup adds up to the file per region and month, to the cent', async () => {
    const file = path.join(dir, 'out', 'workspace.duckdb');
    const expected = new Map<string, number>();
    for (const l of lines) {
      const key = `${l.region}|${l.date.slice(0, 7)}`;
      expected.set(key, (expected.get(key) ?? 0) + Math.round(l.amount * 100));
    }
    const got = await rows(file, `SELECT region || '|' || strftime(date, '%Y-%m') AS k, round(sum(amount) * 100) AS cents, sum(_lines) AS n FROM ws.sales_rollup GROUP BY 1`);
    expect(new Map(got.map((r) => [String(r.k), Number(r.cents)]))).toEqual(expected);
    expect(got.reduce((s, r) => s + Number(r.n), 0)).toBe(ROWS);
    const [flags] = await rows(file, 'SELECT count(*) FILTER (WHERE _order_first) AS orders, count(*) AS n FROM ws.sales');
    expect(Number(flags.orders)).toBe(new Set(lines.map((l) => l.order)).size);
    expect(Number(flags.n)).toBe(ROWS);
    expect(summary.rollupRows).toBeLessThan(ROWS);
  });

  it('the customer-day rollup adds up to the file per customer, with its lines and its orders with a sale', async () => {
    const file = path.join(dir, 'out', 'workspace.duckdb');
    const expected = new Map<string, { cents: number; lines: number; saleOrders: Set<string> }>();
    for (const l of lines) {
      const e = expected.get(l.customer) ?? { cents: 0, lines: 0, saleOrders: new Set<string>() };
      e.cents += Math.round(l.amount * 100);
      e.lines += 1;
      if (l.amount > 0) e.saleOrders.add(l.order);
      expected.set(l.customer, e);
    }
    const got = await rows(file, 'SELECT customer, round(sum(amount) * 100) AS cents, sum(_lines) AS n, sum(_sales) AS orders FROM ws.customer_days GROUP BY customer');
    expect(new Map(got.map((r) => [String(r.customer), { cents: Number(r.cents), lines: Number(r.n), orders: Number(r.orders) }]))).toEqual(
      new Map([...expected].map(([k, e]) => [k, { cents: e.cents, lines: e.lines, orders: e.saleOrders.size }])),
    );
    expect(summary.customerDayRows).toBeLessThan(ROWS);
  });

  it('every query that reads sales_rollup gives the same rows on the rollup as on the lines', async () => {
    const product = lines[0].product;
    const cases = equivalenceCases({ region: [...FILTER_VALUES.region], channel: [...FILTER_VALUES.channel], category: [...FILTER_VALUES.category], team: [...FILTER_VALUES.team], product, customer: lines[0].customer });
    const report = await checkRollupEquivalence(path.join(dir, 'out', 'workspace.duckdb'), cases);
    expect(report.mismatches).toEqual([]);
    expect(report.queries).toBeGreaterThan(100);
  });

  it('normalises the wide targets file and the budget file as the app does', async () => {
    const file = path.join(dir, 'out', 'workspace.duckdb');
    const [t] = await rows(file, "SELECT count(*) AS n, sum(amount) AS total, count(DISTINCT unit) AS units, min(version) AS v FROM ws.targets WHERE unit_type = 'team'");
    const total = TEAMS.reduce((s, _, i) => s + Array.from({ length: 12 }, (_, m) => 100_000 + 1_000 * i + m).reduce((a, b) => a + b, 0), 0);
    expect({ n: Number(t.n), total: Number(t.total), units: Number(t.units), v: Number(t.v) }).toEqual({ n: 36, total, units: 3, v: 1 });
    const [b] = await rows(file, "SELECT count(*) AS n, sum(amount) AS total FROM ws.budget WHERE line = 'revenue'");
    expect({ n: Number(b.n), total: Number(b.total) }).toEqual({ n: 6, total: 300_000 });
  });

  it('reads Parquet exports too (a folder of them), with the same numbers as the CSV', async () => {
    const folder = path.join(dir, 'parquet');
    fs.mkdirSync(folder);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    // Two files split by year, columns typed as an ERP's Parquet export would have them.
    for (const [name, where] of [['a.parquet', "< '2024-01-01'"], ['b.parquet', ">= '2024-01-01'"]]) {
      await c.run(`COPY (SELECT * FROM read_csv('${csv}') WHERE "Order Date" ${where}) TO '${path.join(folder, name)}' (FORMAT parquet)`);
    }
    c.closeSync();
    instance.closeSync();
    const fromParquet = await prepareWorkspace({ sales: [folder], out: path.join(dir, 'out-parquet') });
    expect(fromParquet.files.map((f) => path.basename(f.file))).toEqual(['a.parquet', 'b.parquet']);
    expect(fromParquet.lines).toBe(ROWS);
    const [t] = await rows(path.join(dir, 'out-parquet', 'workspace.duckdb'), 'SELECT round(sum(amount) * 100) AS cents, count(DISTINCT order_id) AS orders FROM ws.sales');
    expect(Number(t.cents)).toBe(lines.reduce((s, l) => s + Math.round(l.amount * 100), 0));
    expect(Number(t.orders)).toBe(new Set(lines.map((l) => l.order)).size);
  });

  it('a Parquet monthly summary with integer Year and Month columns gets its dates from them, as the page does', async () => {
    const file = path.join(dir, 'monthly.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    // 2024-11 … 2025-02 for two regions; the amounts 100 × month index + 0.5 for the second region.
    await c.run(`COPY (SELECT (2024 + (k + 10) // 12)::INTEGER AS "Year", ((k + 10) % 12 + 1)::INTEGER AS "Month", r AS "Region", (100 * (k + 1) + (r = 'South')::INTEGER * 0.5)::DOUBLE AS "Sales"
      FROM range(4) t(k), (VALUES ('North'), ('South')) v(r)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    instance.closeSync();
    const out = path.join(dir, 'out-monthly');
    expect((await prepareWorkspace({ sales: [file], out })).lines).toBe(8);
    const months = await rows(path.join(out, 'workspace.duckdb'), "SELECT strftime(date, '%Y-%m-%d') AS d, sum(amount) AS amount FROM ws.sales GROUP BY 1 ORDER BY 1");
    // Hand-worked: month k (k = 0 … 3) is 2024-11, 2024-12, 2025-01, 2025-02 with 100(k + 1) + 100(k + 1) + 0.5.
    expect(months.map((m) => [m.d, Number(m.amount)])).toEqual([['2024-11-01', 200.5], ['2024-12-01', 400.5], ['2025-01-01', 600.5], ['2025-02-01', 800.5]]);
  });

  it('reads a GBK export with ¥ amounts and Chinese headers as the page does (hand-worked total)', async () => {
    const out = path.join(dir, 'out-gbk');
    const gbk = await prepareWorkspace({ sales: ['tests/fixtures/cn-gbk.csv'], out });
    expect(gbk.lines).toBe(5);
    const byRegion = await rows(path.join(out, 'workspace.duckdb'), 'SELECT region, sum(amount) AS amount FROM ws.sales_rollup GROUP BY 1 ORDER BY 1');
    // 3,998 + 8,990 (华东); 1,497.50 + 1,999 (华北); a return of (299.50) (华南)
    expect(byRegion.map((r) => [r.region, Number(r.amount)])).toEqual([['华东', 12988], ['华北', 3496.5], ['华南', -299.5]].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en')));
  });

  it('reads an Excel workbook: each sheet a table, the customers sheet joined to the orders (hand-worked totals)', async () => {
    const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    const buffer = await writeExcelFile([
      {
        sheet: 'Orders',
        dateFormat: 'yyyy/m/d',
        data: [
          ['Order ID', 'Order Date', 'Customer ID', 'Sales'],
          ['O1', day(2025, 1, 5), 'C1', 1234.5],
          ['O2', day(2025, 2, 28), 'C2', 99.9],
          ['O3', day(2025, 3, 1), 'C1', -20],
        ],
      },
      { sheet: 'Customers', data: [['Customer ID', 'Customer Name', 'Region'], ['C1', '上海星海贸易', '华东'], ['C2', 'Bolt GmbH', 'West']] },
    ]).toBuffer();
    const workbook = path.join(dir, 'export.xlsx');
    fs.writeFileSync(workbook, buffer);
    const out = path.join(dir, 'out-xlsx');
    const summary = await prepareWorkspace({ sales: [workbook], out });
    expect(summary.lines).toBe(3);
    const byRegion = await rows(path.join(out, 'workspace.duckdb'), "SELECT region, customer, sum(amount) AS amount, strftime(max(date), '%Y-%m-%d') AS last FROM ws.customer_days GROUP BY 1, 2 ORDER BY 1");
    // C1: 1,234.50 − 20 (华东, last 2025-03-01); C2: 99.90 (West)
    expect(byRegion.map((r) => [r.region, r.customer, Number(r.amount), r.last])).toEqual([
      ['West', 'Bolt GmbH', 99.9, '2025-02-28'],
      ['华东', '上海星海贸易', 1214.5, '2025-03-01'],
    ]);
  });

  it('refuses what it cannot read, saying which file, row and value', async () => {
    const out = path.join(dir, 'refused');
    const refused = async (sales: string[]) => {
      try {
        await prepareWorkspace({ sales, out });
      } catch (e) {
        expect(e).toBeInstanceOf(PrepareError);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(await refused(['tests/fixtures/bad-dates.psv'])).toMatch(/bad-dates\.psv: 3 dates in column "Order Date" cannot be read, e\.g\. row 3: "not a date", row 4: "2024-13-45"/);
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    expect(await refused([path.join(dir, 'empty.csv')])).toMatch(/empty\.csv: the file is empty/);
    expect(await refused([csv, 'tests/fixtures/eu-semicolon.csv'])).toMatch(/eu-semicolon\.csv: its columns map to/);
    expect(await refused([path.join(dir, 'missing.csv')])).toMatch(/missing\.csv: no such file or folder/);
    fs.writeFileSync(path.join(dir, 'broken.xlsx'), 'PK not really a zip');
    expect(await refused([path.join(dir, 'broken.xlsx')])).toMatch(/read-failed: broken\.xlsx/);
    expect(fs.existsSync(path.join(out, 'workspace.json'))).toBe(false);
  });
});
