/**
 * The sample workspace in data/ (made by scripts/generate-sample.ts) opens in
 * DuckDB-WASM — the browser's engine — and keeps the invariants later features
 * rely on. Where it matters, values are recomputed here in plain TypeScript
 * from raw rows instead of trusting a SQL aggregate.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const DATA = path.resolve('data');
const DIST = path.resolve('node_modules/@duckdb/duckdb-wasm/dist');

interface Manifest {
  format: string;
  database: string;
  asOf: string;
  currency: string;
  tables: Record<string, string>;
  market: string;
}
interface CompetitorEvent {
  id: string;
  date: string;
  end: string | null;
  kind: string;
  region: string | null;
  category: string | null;
}

const manifest = JSON.parse(fs.readFileSync(path.join(DATA, 'workspace.json'), 'utf8')) as Manifest;
const market = JSON.parse(fs.readFileSync(path.join(DATA, manifest.market), 'utf8')) as { events: CompetitorEvent[]; competitors: unknown[]; swot: unknown[] };

let conn: duckdb.DuckDBConnection;

/** Plain row objects; BIGINTs become numbers. */
function q<T = Record<string, unknown>>(sql: string): T[] {
  return conn
    .query(sql)
    .toArray()
    .map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
      return o as T;
    });
}

const cents = (x: number) => Math.round(x * 100);
/** Shift an ISO date by whole years (the promotion is compared with the same window a year earlier). */
const minusYear = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;

beforeAll(async () => {
  const bundles = {
    mvp: { mainModule: `${DIST}/duckdb-mvp.wasm`, mainWorker: '' },
    eh: { mainModule: `${DIST}/duckdb-eh.wasm`, mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.registerFileBuffer(manifest.database, new Uint8Array(fs.readFileSync(path.join(DATA, manifest.database))));
  conn = db.connect();
  conn.query(`ATTACH '${manifest.database}' AS ws (READ_ONLY)`);
});

describe('sample workspace manifest', () => {
  it('describes a CNY workspace whose tables all exist', () => {
    expect(manifest.format).toBe('targetscope-workspace');
    expect(manifest.currency).toBe('CNY');
    const present = new Set(q<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'ws'`).map((r) => r.table_name));
    for (const table of Object.values(manifest.tables)) expect(present, table).toContain(table);
  });

  it('has as-of = the last sales date', () => {
    const [r] = q<{ first: string; last: string }>(`SELECT min(date)::VARCHAR AS first, max(date)::VARCHAR AS last FROM ws.sales`);
    expect(r.first).toBe('2023-01-01');
    expect(r.last).toBe(manifest.asOf);
  });
});

describe('sales', () => {
  it('uses the canonical column names and types', () => {
    const cols = q<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'ws' AND table_name = 'sales' ORDER BY column_index`,
    );
    expect(cols.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      'date:DATE',
      'order_id:VARCHAR',
      'customer:VARCHAR',
      'product:VARCHAR',
      'category:VARCHAR',
      'channel:VARCHAR',
      'region:VARCHAR',
      'rep:VARCHAR',
      'team:VARCHAR',
      'quantity:DOUBLE',
      'unit_price:DOUBLE',
      'amount:DOUBLE',
      'cost:DOUBLE',
    ]);
  });

  it('has >= 200k lines over the expected dimensions', () => {
    const [r] = q<Record<string, number>>(`
      SELECT count(*) AS n, count(DISTINCT rep) AS reps, count(DISTINCT team) AS teams, count(DISTINCT region) AS regions,
             count(DISTINCT channel) AS channels, count(DISTINCT category) AS categories, count(DISTINCT product) AS products,
             count(DISTINCT customer) AS customers
      FROM ws.sales`);
    expect(r.n).toBeGreaterThanOrEqual(200_000);
    expect(r).toMatchObject({ reps: 18, teams: 3, regions: 6, channels: 4, categories: 6 });
    expect(r.products).toBeGreaterThanOrEqual(55);
    expect(r.customers).toBeGreaterThan(4000);
    expect(r.customers).toBeLessThan(6000);
    const channels = q<{ channel: string }>(`SELECT DISTINCT channel FROM ws.sales ORDER BY 1`).map((x) => x.channel);
    expect(channels.sort()).toEqual(['大客户', '直营门店', '线上商城', '经销商'].sort());
  });

  it('keeps amount = quantity × unit_price (to the cent) and integer quantities', () => {
    const [r] = q<{ bad_amount: number; bad_qty: number }>(`
      SELECT count(*) FILTER (WHERE abs(amount - round(quantity * unit_price, 2)) > 0.005) AS bad_amount,
             count(*) FILTER (WHERE quantity <> round(quantity) OR quantity = 0) AS bad_qty
      FROM ws.sales`);
    expect(r).toEqual({ bad_amount: 0, bad_qty: 0 });
  });

  it('has ~1 % return lines that reference an earlier sale of the same product', () => {
    const [r] = q<{ n: number; returns: number; unmatched: number; bad_sign: number }>(`
      WITH ret AS (SELECT * FROM ws.sales WHERE quantity < 0)
      SELECT (SELECT count(*) FROM ws.sales) AS n,
             (SELECT count(*) FROM ret) AS returns,
             (SELECT count(*) FROM ret WHERE NOT EXISTS (
                SELECT 1 FROM ws.sales s WHERE s.order_id || '-R' = ret.order_id AND s.product = ret.product
                  AND s.date < ret.date AND s.quantity >= -ret.quantity)) AS unmatched,
             (SELECT count(*) FROM ws.sales WHERE (quantity < 0) <> (order_id LIKE '%-R') OR (quantity < 0) <> (amount < 0)) AS bad_sign`);
    expect(r.unmatched).toBe(0);
    expect(r.bad_sign).toBe(0);
    expect(r.returns / r.n).toBeGreaterThan(0.005);
    expect(r.returns / r.n).toBeLessThan(0.02);
  });

  it('credits every line to a rep of the org chart, with the rep’s team', () => {
    const [r] = q<{ bad: number; org: number }>(`
      SELECT (SELECT count(*) FROM ws.sales s LEFT JOIN ws.org o USING (rep) WHERE o.team IS DISTINCT FROM s.team) AS bad,
             (SELECT count(*) FROM ws.org) AS org`);
    expect(r).toEqual({ bad: 0, org: 18 });
  });
});

describe('targets', () => {
  interface T {
    period: string;
    unit_type: string;
    unit: string;
    amount: number;
    version: number;
  }
  let rows: T[];
  let teamOf: Map<string, string>;

  beforeAll(() => {
    rows = q<T>(`SELECT period::VARCHAR AS period, unit_type, unit, amount, version FROM ws.targets`);
    teamOf = new Map(q<{ rep: string; team: string }>(`SELECT rep, team FROM ws.org`).map((r) => [r.rep, r.team]));
  });

  it('covers 2023–2026 monthly for company, 3 teams and 18 reps in version 1', () => {
    const v1 = rows.filter((r) => r.version === 1);
    expect(new Set(v1.map((r) => r.period.slice(0, 4)))).toEqual(new Set(['2023', '2024', '2025', '2026']));
    expect(v1.length).toBe(4 * 12 * (1 + 3 + 18));
    expect(rows.every((r) => r.period.endsWith('-01'))).toBe(true);
  });

  it('rolls up exactly: reps → team and teams → company, per month and version', () => {
    const sums = new Map<string, number>();
    const add = (k: string, v: number) => sums.set(k, (sums.get(k) ?? 0) + cents(v));
    for (const r of rows) {
      if (r.unit_type === 'rep') add(`${r.period}|${r.version}|team|${teamOf.get(r.unit)}`, r.amount);
      if (r.unit_type === 'team') add(`${r.period}|${r.version}|company|公司`, r.amount);
    }
    let checked = 0;
    for (const r of rows.filter((x) => x.unit_type !== 'rep')) {
      expect(sums.get(`${r.period}|${r.version}|${r.unit_type}|${r.unit}`), `${r.period} v${r.version} ${r.unit}`).toBe(cents(r.amount));
      checked++;
    }
    expect(checked).toBe(rows.filter((x) => x.unit_type !== 'rep').length);
  });

  it('has a 2026 mid-year revision: same before effective_from, lower from it', () => {
    const versions = q<{ version: number; fiscal_year: number; effective_from: string; reason: string }>(
      `SELECT version, fiscal_year, effective_from::VARCHAR AS effective_from, reason FROM ws.target_versions`,
    );
    const revision = versions.find((v) => v.version === 2)!;
    expect(revision.fiscal_year).toBe(2026);
    expect(revision.reason).toContain('下调');
    const v1 = new Map(rows.filter((r) => r.version === 1).map((r) => [`${r.period}|${r.unit}`, r.amount]));
    const v2 = rows.filter((r) => r.version === 2);
    expect(v2.length).toBe(12 * 22);
    for (const r of v2) {
      const original = v1.get(`${r.period}|${r.unit}`)!;
      if (r.period < revision.effective_from) expect(r.amount, `${r.period} ${r.unit}`).toBe(original);
      else if (r.unit_type !== 'rep') expect(r.amount, `${r.period} ${r.unit}`).toBeLessThan(original);
    }
  });

  it('is roughly last year’s actual × growth', () => {
    const actual = new Map(q<{ y: number; s: number }>(`SELECT year(date) AS y, sum(amount) AS s FROM ws.sales GROUP BY 1`).map((r) => [r.y, r.s]));
    for (const year of [2024, 2025, 2026]) {
      const target = rows.filter((r) => r.version === 1 && r.unit_type === 'company' && r.period.startsWith(String(year))).reduce((s, r) => s + r.amount, 0);
      const growth = target / actual.get(year - 1)! - 1;
      expect(growth, String(year)).toBeGreaterThan(0.05);
      expect(growth, String(year)).toBeLessThan(0.25);
    }
  });
});

describe('budget and market size', () => {
  it('has revenue, cost of sales and selling expense per team and month for 2025–2026', () => {
    const rows = q<{ period: string; unit: string; line: string; amount: number }>(`SELECT period::VARCHAR AS period, unit, line, amount FROM ws.budget`);
    expect(rows.length).toBe(2 * 12 * 3 * 3);
    const targets = new Map(
      q<{ k: string; amount: number }>(`SELECT period::VARCHAR || '|' || unit AS k, amount FROM ws.targets WHERE version = 1 AND unit_type = 'team'`).map((r) => [r.k, r.amount]),
    );
    for (const r of rows.filter((x) => x.line === 'revenue')) expect(r.amount).toBe(targets.get(`${r.period}|${r.unit}`));
  });

  it('puts our share of each regional market around 10–15 %', () => {
    const shares = q<{ region: string; share: number }>(`
      WITH ours AS (SELECT date_trunc('month', date) AS period, region, sum(amount) AS s FROM ws.sales GROUP BY ALL)
      SELECT m.region, sum(ours.s) / sum(m.amount) AS share FROM ws.market_size m JOIN ours USING (period, region) GROUP BY 1`);
    expect(shares.length).toBe(6);
    for (const s of shares) {
      expect(s.share, s.region).toBeGreaterThan(0.08);
      expect(s.share, s.region).toBeLessThan(0.17);
    }
  });
});

describe('the stories in the sample', () => {
  it('shows the competitor promotion in its region × category × quarter, and nowhere else', () => {
    const promos = market.events.filter((e) => e.kind === 'promotion');
    expect(promos).toHaveLength(1);
    const promo = promos[0];
    expect(promo.region && promo.category && promo.end).toBeTruthy();
    // Raw lines of the category, summed here in TypeScript.
    const lines = q<{ d: string; region: string; amount: number }>(
      `SELECT date::VARCHAR AS d, region, amount FROM ws.sales WHERE category = '${promo.category}'`,
    );
    const windowSum = (region: string, from: string, to: string) =>
      lines.filter((l) => l.region === region && l.d >= from && l.d <= to).reduce((s, l) => s + l.amount, 0);
    const change = (region: string) => windowSum(region, promo.date, promo.end!) / windowSum(region, minusYear(promo.date), minusYear(promo.end!)) - 1;

    expect(change(promo.region!)).toBeLessThanOrEqual(-0.25);
    const regions = [...new Set(lines.map((l) => l.region))].filter((r) => r !== promo.region);
    expect(regions).toHaveLength(5);
    for (const r of regions) expect(change(r), r).toBeGreaterThan(-0.25);
  });

  it('has one rep with clearly the highest growth and clearly the lowest satisfaction (吴强)', () => {
    const revenue = q<{ rep: string; y: number; s: number }>(`SELECT rep, year(date) AS y, sum(amount) AS s FROM ws.sales WHERE year(date) IN (2024, 2025) GROUP BY ALL`);
    const by = (rep: string, y: number) => revenue.find((r) => r.rep === rep && r.y === y)!.s;
    const reps = [...new Set(revenue.map((r) => r.rep))];
    const growth = reps.map((rep) => ({ rep, g: by(rep, 2025) / by(rep, 2024) - 1 })).sort((a, b) => b.g - a.g);

    const activity = q<{ rep: string; satisfaction: number; survey_responses: number }>(`SELECT rep, satisfaction, survey_responses FROM ws.rep_activity`);
    const sat = reps
      .map((rep) => {
        const mine = activity.filter((a) => a.rep === rep);
        const n = mine.reduce((s, a) => s + a.survey_responses, 0);
        return { rep, s: mine.reduce((s, a) => s + a.satisfaction * a.survey_responses, 0) / n };
      })
      .sort((a, b) => a.s - b.s);

    expect(growth[0].rep).toBe('吴强');
    expect(growth[0].g - growth[1].g).toBeGreaterThan(0.05);
    expect(sat[0].rep).toBe('吴强');
    expect(sat[1].s - sat[0].s).toBeGreaterThan(0.3);
    expect(activity.every((a) => a.satisfaction >= 1 && a.satisfaction <= 5 && a.survey_responses > 0)).toBe(true);
  });

  it('has opportunities with consistent stage, won flag and dates', () => {
    const [r] = q<Record<string, number>>(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE closed IS NULL AND (won IS NOT NULL OR stage NOT IN ('lead', 'proposal', 'negotiation'))) AS bad_open,
             count(*) FILTER (WHERE closed IS NOT NULL AND (won IS NULL OR stage <> CASE WHEN won THEN 'won' ELSE 'lost' END OR closed < created)) AS bad_closed,
             count(*) FILTER (WHERE closed IS NULL) AS open
      FROM ws.opportunities`);
    expect(r.n).toBeGreaterThan(1000);
    expect(r.bad_open).toBe(0);
    expect(r.bad_closed).toBe(0);
    expect(r.open).toBeGreaterThan(0);
  });
});
