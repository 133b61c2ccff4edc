/**
 * The whole load pipeline (sniff → encoding → mapping → formats → DuckDB
 * table → checks) on real DuckDB-WASM in Node, against hand-worked values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadSalesFile, buildSalesTable, restoreKeptTable, type LoadedSource } from './load-file';
import { createRequire } from 'node:module';
import { COMPACT_DATABASE, compactSalesSql, flaggedSalesViewSql, orderConstantSql, salesViewSql } from './sales-table';
import { kpiSql, queryKpis } from '../analyses/overview';
import { LINES_ONLY, orderCountFor, type Warehouse } from '../warehouse/sources';
import type { DimensionFilters } from '../model/where';
import { LoadError } from './errors';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

const fixture = (name: string) => new File([readFileSync(`tests/fixtures/${name}`)], name);

async function totals(source: LoadedSource) {
  await db.query(salesViewSql(source.table));
  const [row] = await db.query<Record<string, number>>(
    `SELECT count(*) AS n, sum(amount) AS amount, sum(quantity) AS quantity, sum(cost) AS cost, sum(profit) AS profit,
       count(DISTINCT order_id) AS orders, count(DISTINCT customer) AS customers, strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM sales`,
  );
  return row;
}

describe('loading real-world exports', () => {
  it('GB18030 Chinese export with ¥ amounts, parentheses negatives and Y/M/D dates', async () => {
    const source = await loadSalesFile(db, fixture('cn-gbk.csv'));
    expect(source.encoding).toMatch(/gb18030/);
    expect(source.mapping).toMatchObject({ date: '订单日期', amount: '销售额', customer: '客户名称', region: '大区', rep: '销售员', team: '团队', order_id: '订单号' });
    const t = await totals(source);
    // hand-worked: 3998 + 1497.5 + 1999 − 299.5 + 8990
    expect(t.amount).toBeCloseTo(16185, 6);
    expect(t.quantity).toBe(17);
    expect(t.cost).toBeCloseTo(2800 + 900 + 1400 - 180 + 5400, 6);
    expect(t.profit).toBeCloseTo(16185 - 10320, 6);
    expect(t.orders).toBe(4);
    expect(t.customers).toBe(3);
    expect([t.first, t.last]).toEqual(['2026-01-05', '2026-02-28']);
    const [east] = await db.query<{ v: number }>("SELECT sum(amount) AS v FROM sales WHERE region = '华东'");
    expect(east.v).toBeCloseTo(3998 + 8990, 6);
  });

  it('semicolon-delimited European export: 1.234,50 amounts and DD.MM.YYYY dates', async () => {
    const source = await loadSalesFile(db, fixture('eu-semicolon.csv'));
    expect(source.delimiter).toBe(';');
    expect(source.amountFormat.decimal).toBe(',');
    const t = await totals(source);
    expect(t.amount).toBeCloseTo(1234.5 + 99.9 + 823 + 12000, 6);
    expect(t.profit).toBeCloseTo(200 - 10.5 + 150.25 + 3000, 6);
    expect(t.cost).toBeCloseTo(1234.5 + 99.9 + 823 + 12000 - (200 - 10.5 + 150.25 + 3000), 6);
    expect([t.first, t.last]).toEqual(['2026-01-05', '2026-02-28']);
  });

  it('no amount column: revenue = quantity × unit price (TSV)', async () => {
    const source = await loadSalesFile(db, fixture('qty-price.tsv'));
    expect(source.delimiter).toBe('\t');
    const t = await totals(source);
    expect(t.amount).toBeCloseTo(2 * 10.5 + 3 * 4.25 + 10.5, 6);
  });

  it('mostly unparseable dates: a specific error with the column, count and examples, and the previous sales stay', async () => {
    const good = await loadSalesFile(db, fixture('qty-price.tsv'));
    await db.query(salesViewSql(good.table));
    const err = await loadSalesFile(db, fixture('bad-dates.psv')).catch((e) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.code).toBe('bad-dates');
    expect(err.facts.column).toBe('Order Date');
    expect(err.facts.count).toBe(3); // 'not a date', '2024-13-45', 'yesterday' (the blank one is missing, not bad)
    expect(err.facts.total).toBe(5);
    expect(err.facts.examples[0]).toEqual({ row: 3, value: 'not a date' }); // spreadsheet row: header is row 1
    const [still] = await db.query<{ n: number }>('SELECT count(*) AS n FROM sales');
    expect(still.n).toBe(3);
  });

  it('a few bad amounts load with a warning that counts them', async () => {
    const text = 'Date,Amount\n2025-01-01,10\n2025-01-02,abc\n2025-01-03,30\n2025-01-04,40\n';
    const source = await loadSalesFile(db, new File([text], 'few-bad.csv'));
    const warning = source.warnings.find((w) => w.code === 'some-bad-amounts');
    expect(warning?.facts).toMatchObject({ column: 'Amount', count: 1, total: 4, examples: [{ row: 3, value: 'abc' }] });
    expect((await totals(source)).amount).toBe(80);
  });

  it('day-first vs month-first is decided from the values and can be overridden', async () => {
    const text = 'Order Date,Sales\n03/01/19,1\n25/01/19,2\n04/02/19,3\n';
    const source = await loadSalesFile(db, new File([text], 'dmy.csv'));
    expect(source.dateFormat).toMatchObject({ kind: 'numeric', order: 'dmy' });
    expect((await totals(source)).first).toBe('2019-01-03');
    const ambiguous = await loadSalesFile(db, new File(['Order Date,Sales\n03/01/2019,1\n04/02/2019,3\n'], 'ambiguous.csv'));
    expect(ambiguous.warnings.some((w) => w.code === 'ambiguous-dates')).toBe(true);
    const forced = await buildSalesTable(db, { ...ambiguous, dateFormat: { kind: 'numeric', order: 'dmy', sep: '/', twoDigitYear: false } });
    expect((await totals(forced)).first).toBe('2019-01-03');
  });

  it('empty, header-only and binary files give specific errors', async () => {
    await expect(loadSalesFile(db, new File([], 'empty.csv'))).rejects.toMatchObject({ code: 'empty' });
    await expect(loadSalesFile(db, new File(['Date,Sales\n'], 'header.csv'))).rejects.toMatchObject({ code: 'header-only' });
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expect(loadSalesFile(db, new File([binary], 'blob.csv'))).rejects.toMatchObject({ code: 'binary' });
    await expect(loadSalesFile(db, new File(['a,b\n1,2\n'], 'x.xls'))).rejects.toMatchObject({ code: 'unsupported-type' });
  });

  it('a file without a date column says so and lists the columns', async () => {
    const err = await loadSalesFile(db, new File(['Product,Sales\nA,1\nB,2\n'], 'nodate.csv')).catch((e) => e);
    expect(err).toMatchObject({ code: 'no-date' });
    expect(err.facts.detail).toBe('Product, Sales');
  });
});

describe('the typed fast path', () => {
  it('reads plain columns typed, and falls back to the text path when a row beyond the sample disagrees', async () => {
    const lines = ['Order Date,Sales,Region'];
    let expected = 0;
    for (let i = 0; i < 30000; i++) {
      const amount = (i % 97) + 0.25;
      expected += amount;
      lines.push(`2025-${String((i % 12) + 1).padStart(2, '0')}-15,${amount},Region ${i % 7}`);
    }
    const clean = await loadSalesFile(db, new File([lines.join('\n') + '\n'], 'clean.csv'));
    expect(clean.columnKinds).toMatchObject({ 'Order Date': 'date', Sales: 'number', Region: 'text' });
    expect((await totals(clean)).amount).toBeCloseTo(expected, 6);

    // Far past the 512 KB head: a formatted amount and a bad date the sample never saw.
    lines.push('2025-12-31,"1,000.50",Region 1', 'someday,5,Region 2');
    const messy = await loadSalesFile(db, new File([lines.join('\n') + '\n'], 'messy.csv'));
    expect(messy.columnKinds.Sales).toBe('text');
    expect((await totals(messy)).amount).toBeCloseTo(expected + 1000.5 + 5, 6);
    expect(messy.warnings.find((w) => w.code === 'some-bad-dates')?.facts).toMatchObject({ count: 1, examples: [{ row: 30003, value: 'someday' }] });
  });
});

describe('the compacted copy', () => {
  it('holds the same rows as the loaded table, with dictionary-encoded text, and replaces older copies', async () => {
    const lines = ['Order Date,Sales,Region,Customer'];
    const byRegion = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const region = `Region ${i % 5}`;
      const amount = (i % 89) + 0.5;
      byRegion.set(region, (byRegion.get(region) ?? 0) + amount);
      lines.push(`2025-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1},${amount},${region},Customer ${i % 300}`);
    }
    const first = await loadSalesFile(db, new File([lines.join('\n') + '\n'], 'first.csv'));
    const source = await loadSalesFile(db, new File([lines.join('\n') + '\n'], 'compact.csv'));
    for (const sql of compactSalesSql(first.table, [])) await db.query(sql);
    for (const sql of compactSalesSql(source.table, [first.table])) await db.query(sql);
    await db.query(salesViewSql(source.table, COMPACT_DATABASE));

    const rows = await db.query<{ region: string; revenue: number; customers: number }>(
      'SELECT region, sum(amount) AS revenue, count(DISTINCT customer) AS customers FROM sales GROUP BY region ORDER BY region',
    );
    expect(rows.map((r) => r.region)).toEqual([...byRegion.keys()].sort());
    for (const r of rows) {
      expect(r.revenue).toBeCloseTo(byRegion.get(r.region)!, 6);
      expect(Number(r.customers)).toBe(60); // customers i % 300 within region i % 5: 300 / 5
    }
    const compression = await db.query<{ compression: string }>(
      `SELECT DISTINCT compression FROM pragma_storage_info('${COMPACT_DATABASE}.${source.table}') WHERE column_name = 'region'`,
    );
    expect(compression.map((c) => c.compression).join(' ')).toMatch(/DICT/i);
    const copies = await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = '${COMPACT_DATABASE}'`);
    expect(copies.map((c) => c.name)).toEqual([source.table]);
    await db.query(salesViewSql(source.table));
  });

  it('flags each order’s first line; orders then count by the flag exactly when no filter splits an order', async () => {
    // Orders O1..O400, 1–3 lines each; date, region and customer per order, category per line; some lines without an order id.
    const lines = ['Order ID,Order Date,Region,Customer,Category,Sales'];
    const categories = ['A', 'B', 'C'];
    for (let o = 1; o <= 400; o++) {
      const n = 1 + (o % 3);
      for (let l = 0; l < n; l++) lines.push(`O${o},2025-${String((o % 12) + 1).padStart(2, '0')}-10,${['East', 'West'][o % 2]},C${o % 37},${categories[(o + l) % 3]},${o + l}`);
    }
    lines.push(',2025-03-10,East,C1,A,5', ',2025-03-11,East,C2,B,6');
    const source = await loadSalesFile(db, new File([lines.join('\n') + '\n'], 'orders.csv'));
    for (const sql of compactSalesSql(source.table, [])) await db.query(sql);
    await db.query(salesViewSql(source.table, COMPACT_DATABASE));
    await db.query(flaggedSalesViewSql(source.table));
    const [flags] = await db.query<{ flagged: number; orders: number }>('SELECT count(*) FILTER (WHERE _order_first) AS flagged, count(DISTINCT order_id) AS orders FROM sales_flagged');
    expect(Number(flags.flagged)).toBe(400);
    expect(Number(flags.orders)).toBe(400);
    const [constant] = await db.query<Record<string, boolean>>(orderConstantSql(['date', 'region', 'customer', 'category']));
    expect(constant).toEqual({ date: true, region: true, customer: true, category: false });
    const orderConstant = Object.keys(constant).filter((k) => constant[k]);

    const year = { start: '2025-01-01', end: '2025-12-31' };
    const flagged: Warehouse = { orderConstant, customerDays: false };
    const params = (filters: DimensionFilters, warehouse: Warehouse) => ({ current: year, previous: null, lastYear: null, filters, basis: 'net', hasOrderId: true, warehouse }) as const;
    const kpis = (filters: DimensionFilters, warehouse: Warehouse) => queryKpis(db, params(filters, warehouse));
    for (const filters of [{}, { region: ['East'] }, { customer: ['C1', 'C2'] }] as DimensionFilters[]) {
      expect(kpiSql(params(filters, flagged))).toContain('_order_first');
      expect((await kpis(filters, flagged)).current).toEqual((await kpis(filters, LINES_ONLY)).current);
    }
    // A category filter splits orders, and so does the gross basis: those keep the distinct count.
    expect(orderCountFor(flagged, { filters: { category: ['A'] } })).toBe('distinct');
    expect(kpiSql({ ...params({}, flagged), basis: 'gross' })).not.toContain('_order_first');
    // …as counting by the flag there would show: a warehouse that wrongly called categories constant counts other orders.
    const wrong: Warehouse = { orderConstant: [...orderConstant, 'category'], customerDays: false };
    expect((await kpis({ category: ['A'] }, wrong)).current.orders).not.toBe((await kpis({ category: ['A'] }, LINES_ONLY)).current.orders);
    await db.query(salesViewSql(source.table));
  });
});

describe('the table kept in the browser', () => {
  it('goes back in row for row with its order flags and the source it was built with; a mismatch or damage throws and leaves nothing behind', async () => {
    const loaded = await loadSalesFile(db, fixture('cn-gbk.csv'));
    for (const sql of compactSalesSql(loaded.table, [])) await db.query(sql);
    const compacted = `${COMPACT_DATABASE}.${loaded.table}`;
    // The CommonJS apache-arrow, the instance DuckDB-WASM's Node build returns tables of (the ESM one would write nothing).
    const { tableToIPC } = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
    const ipc = tableToIPC(db.conn.query(`SELECT * FROM ${compacted}`), 'stream');
    expect(ipc.length).toBeGreaterThan(1000);
    const saved = JSON.parse(JSON.stringify(loaded)) as unknown;
    const restored = await restoreKeptTable(db, ipc, saved);
    expect(restored.table).not.toBe(loaded.table);
    expect(restored).toEqual({ ...loaded, table: restored.table, keptTable: true });
    const rows = (table: string) => db.query(`SELECT * FROM ${table} ORDER BY ALL`);
    const original = await rows(compacted);
    expect(original.some((r) => r._order_first === true)).toBe(true);
    expect(await rows(restored.table)).toEqual(original);
    expect((await totals(restored)).amount).toBeCloseTo(16185, 6);
    // its own compaction copies the flags as they are
    for (const sql of compactSalesSql(restored.table, [], { flagged: true })) await db.query(sql);
    expect(await rows(`${COMPACT_DATABASE}.${restored.table}`)).toEqual(original);

    const tables = async () => (await db.query<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory'")).map((t) => t.name).sort();
    const before = await tables();
    await expect(restoreKeptTable(db, ipc, { ...loaded, check: { ...loaded.check, rows: loaded.check.rows + 1 } })).rejects.toThrow(/rows/);
    // damaged bytes are refused before the engine reads them: a later restore still works
    await expect(restoreKeptTable(db, new TextEncoder().encode('not arrow at all'), saved)).rejects.toThrow();
    const again = await restoreKeptTable(db, ipc, saved);
    expect(await rows(again.table)).toEqual(original);
    await db.query(`DROP TABLE ${again.table}`);
    await expect(restoreKeptTable(db, ipc, { hello: 'world' })).rejects.toThrow(/description/);
    // the loaded table itself (no flags) is not a kept table
    await expect(restoreKeptTable(db, tableToIPC(db.conn.query(`SELECT * FROM ${loaded.table}`), 'stream'), saved)).rejects.toThrow(/_order_first/);
    expect(await tables()).toEqual(before);
  });
});
