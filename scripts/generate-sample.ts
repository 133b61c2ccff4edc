/**
 * Generates the sample workspace in data/ (run: npx tsx scripts/generate-sample.ts):
 *
 *   data/workspace.duckdb  sales, targets, budget, org, activity, pipeline, market size
 *   data/market.json       competitors, competitor events, SWOT notes
 *   data/workspace.json    the manifest the app opens
 *
 * Deterministic: a fixed seed and our own PRNG, so every run produces the same
 * rows. data/README.md documents every table and file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpportunities, buildRepActivity } from './lib/sample/activity';
import {
  AS_OF,
  COMPANY_UNIT,
  COMPETITOR_EFFECTS,
  FIRST_DAY,
  HIGH_GROWTH_LOW_SATISFACTION_REP,
  REPS,
  SEED,
  TEAM_MANAGER,
} from './lib/sample/assumptions';
import { isoFromDay, dayFromIso } from './lib/sample/calendar';
import { buildCatalog, listPriceOn } from './lib/sample/catalog';
import { writeDatabase, type TableData } from './lib/sample/duckdb-writer';
import { buildMarketDocument, buildMarketSize } from './lib/sample/market';
import { Random } from './lib/sample/random';
import { generateSales } from './lib/sample/sales';
import { Actuals, buildBudget, buildTargets } from './lib/sample/targets';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, 'data');
const DB_FILE = 'workspace.duckdb';
const MARKET_FILE = 'market.json';

/** Logical table → table name in the database (the manifest's `tables`). */
const TABLES = {
  sales: 'sales',
  targets: 'targets',
  target_versions: 'target_versions',
  budget: 'budget',
  org: 'org',
  rep_regions: 'rep_regions',
  rep_activity: 'rep_activity',
  opportunities: 'opportunities',
  market_size: 'market_size',
  products: 'products',
  product_prices: 'product_prices',
  customers: 'customers',
} as const;

/** 分 → '1234.56' (exact: amounts are whole cents). */
const yuan = (cents: number) => (cents / 100).toFixed(2);

async function main(): Promise<void> {
  const started = Date.now();
  const catalog = buildCatalog(Random.stream(SEED, 'catalog'));
  const sales = generateSales(catalog, Random.stream(SEED, 'sales'), Random.stream(SEED, 'customers'));
  const actuals = new Actuals(sales.lines);
  const targets = buildTargets(actuals);
  const budget = buildBudget(actuals, targets.rows);
  const activity = buildRepActivity(Random.stream(SEED, 'activity'));
  const opportunities = buildOpportunities(sales.customers, Random.stream(SEED, 'opportunities'));
  const marketSize = buildMarketSize(sales.counterfactualCents, Random.stream(SEED, 'market'));
  const asOf = dayFromIso(AS_OF);
  const teamOf = new Map(REPS.map((r) => [r.name, r.team]));

  const tables: TableData[] = [
    {
      name: TABLES.sales,
      columns: [
        ['date', 'DATE'],
        ['order_id', 'VARCHAR'],
        ['customer', 'VARCHAR'],
        ['product', 'VARCHAR'],
        ['category', 'VARCHAR'],
        ['channel', 'VARCHAR'],
        ['region', 'VARCHAR'],
        ['rep', 'VARCHAR'],
        ['team', 'VARCHAR'],
        ['quantity', 'DOUBLE'],
        ['unit_price', 'DOUBLE'],
        ['amount', 'DOUBLE'],
        ['cost', 'DOUBLE'],
      ],
      rows: sales.lines.map((l) => [
        isoFromDay(l.day),
        l.orderId,
        l.customer.name,
        l.product.name,
        l.product.category,
        l.channel,
        l.region,
        l.rep.name,
        l.rep.team,
        l.quantity,
        yuan(l.priceCents),
        yuan(l.amountCents),
        yuan(l.costCents),
      ]),
    },
    {
      name: TABLES.targets,
      columns: [
        ['period', 'DATE'],
        ['unit_type', 'VARCHAR'],
        ['unit', 'VARCHAR'],
        ['amount', 'DOUBLE'],
        ['version', 'INTEGER'],
      ],
      rows: targets.rows.map((t) => [t.period, t.unitType, t.unit, t.amount, t.version]),
    },
    {
      name: TABLES.target_versions,
      columns: [
        ['version', 'INTEGER'],
        ['fiscal_year', 'INTEGER'],
        ['created', 'DATE'],
        ['effective_from', 'DATE'],
        ['reason', 'VARCHAR'],
        ['scope', 'VARCHAR'],
      ],
      rows: targets.versions.map((v) => [v.version, v.fiscalYear, v.created, v.effectiveFrom, v.reason, v.scope]),
    },
    {
      name: TABLES.budget,
      columns: [
        ['period', 'DATE'],
        ['unit_type', 'VARCHAR'],
        ['unit', 'VARCHAR'],
        ['line', 'VARCHAR'],
        ['amount', 'DOUBLE'],
      ],
      rows: budget.map((b) => [b.period, b.unitType, b.unit, b.line, b.amount]),
    },
    {
      name: TABLES.org,
      columns: [
        ['rep', 'VARCHAR'],
        ['team', 'VARCHAR'],
        ['region', 'VARCHAR'],
        ['manager', 'VARCHAR'],
      ],
      rows: REPS.map((r) => [r.name, r.team, r.regions[0], TEAM_MANAGER[r.team]]),
    },
    {
      name: TABLES.rep_regions,
      columns: [
        ['rep', 'VARCHAR'],
        ['region', 'VARCHAR'],
        ['is_main', 'BOOLEAN'],
      ],
      rows: REPS.flatMap((r) => r.regions.map((region, i) => [r.name, region, i === 0])),
    },
    {
      name: TABLES.rep_activity,
      columns: [
        ['month', 'DATE'],
        ['rep', 'VARCHAR'],
        ['visits', 'INTEGER'],
        ['satisfaction', 'DOUBLE'],
        ['survey_responses', 'INTEGER'],
      ],
      rows: activity.map((a) => [a.month, a.rep, a.visits, a.satisfaction, a.surveyResponses]),
    },
    {
      name: TABLES.opportunities,
      columns: [
        ['opportunity_id', 'VARCHAR'],
        ['rep', 'VARCHAR'],
        ['customer', 'VARCHAR'],
        ['created', 'DATE'],
        ['closed', 'DATE'],
        ['stage', 'VARCHAR'],
        ['won', 'BOOLEAN'],
        ['amount', 'DOUBLE'],
      ],
      rows: opportunities.map((o) => [o.id, o.rep, o.customer, o.created, o.closed, o.stage, o.won, o.amount]),
    },
    {
      name: TABLES.market_size,
      columns: [
        ['period', 'DATE'],
        ['region', 'VARCHAR'],
        ['amount', 'DOUBLE'],
      ],
      rows: marketSize.map((m) => [m.period, m.region, m.amount]),
    },
    {
      name: TABLES.products,
      columns: [
        ['product', 'VARCHAR'],
        ['category', 'VARCHAR'],
        ['launched', 'DATE'],
        ['list_price', 'DOUBLE'],
        ['unit_cost', 'DOUBLE'],
      ],
      rows: catalog.map((p) => [p.name, p.category, p.legacy ? null : isoFromDay(p.launch), yuan(listPriceOn(p, asOf)), yuan(p.costCents)]),
    },
    {
      name: TABLES.product_prices,
      columns: [
        ['product', 'VARCHAR'],
        ['valid_from', 'DATE'],
        ['valid_to', 'DATE'],
        ['list_price', 'DOUBLE'],
        ['unit_cost', 'DOUBLE'],
      ],
      rows: catalog.flatMap((p) =>
        p.prices.map((x, i) => [p.name, isoFromDay(x.from), i + 1 < p.prices.length ? isoFromDay(p.prices[i + 1].from - 1) : null, yuan(x.priceCents), yuan(p.costCents)]),
      ),
    },
    {
      name: TABLES.customers,
      columns: [
        ['customer', 'VARCHAR'],
        ['segment', 'VARCHAR'],
        ['region', 'VARCHAR'],
        ['rep', 'VARCHAR'],
        ['team', 'VARCHAR'],
      ],
      rows: sales.customers.map((c) => [c.name, c.segment, c.region, c.rep.name, teamOf.get(c.rep.name)!]),
    },
  ];

  fs.mkdirSync(DATA_DIR, { recursive: true });
  const dbPath = path.join(DATA_DIR, DB_FILE);
  await writeDatabase(dbPath, tables);
  writeJson(path.join(DATA_DIR, MARKET_FILE), buildMarketDocument());
  writeJson(path.join(DATA_DIR, 'workspace.json'), {
    format: 'targetscope-workspace',
    version: 1,
    name: '示例公司 · 销售工作台 (sample)',
    currency: 'CNY',
    locale: 'zh-CN',
    fiscalYearStartMonth: 1,
    asOf: AS_OF,
    database: DB_FILE,
    tables: TABLES,
    market: MARKET_FILE,
    generatedBy: 'scripts/generate-sample.ts',
    seed: SEED,
  });

  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await printSummary(dbPath, sales.lostCents);
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/** Reads the written file back and prints what a reviewer wants to see. */
async function printSummary(dbPath: string, lostCents: Map<string, number>): Promise<void> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | boolean | null>[];
  const table = (title: string, data: Record<string, unknown>[]) => {
    console.log(`\n${title}`);
    console.table(data);
  };
  try {
    const counts = [];
    for (const t of Object.values(TABLES)) counts.push({ table: t, rows: Number((await rows(`SELECT count(*) AS n FROM ${t}`))[0].n) });
    console.log(`\ndata/${DB_FILE}: ${(fs.statSync(dbPath).size / 1e6).toFixed(2)} MB`);
    console.table(counts);

    const asOfMd = AS_OF.slice(5);
    table(
      `revenue (元, net of returns) per year; YTD = 01-01..${asOfMd}`,
      await rows(`
        WITH y AS (
          SELECT year(date) AS year, sum(amount) AS revenue,
                 sum(amount) FILTER (WHERE strftime(date, '%m-%d') <= '${asOfMd}') AS ytd,
                 count(*) FILTER (WHERE quantity < 0) AS return_lines, count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders
          FROM sales GROUP BY 1)
        SELECT year, round(revenue) AS revenue, round(ytd) AS ytd,
               round(100 * (revenue / lag(revenue) OVER (ORDER BY year) - 1), 1) AS yoy_pct,
               round(100 * (ytd / lag(ytd) OVER (ORDER BY year) - 1), 1) AS ytd_yoy_pct, orders, return_lines
        FROM y ORDER BY year`),
    );

    const promo = COMPETITOR_EFFECTS[0];
    table(
      `competitor promotion ${promo.eventId}: ${promo.category} revenue by region, ${promo.from}..${promo.to} vs a year earlier (lost ≈ ${Math.round((lostCents.get(promo.eventId) ?? 0) / 100)} 元)`,
      await rows(`
        SELECT region,
          round(sum(amount) FILTER (WHERE date BETWEEN DATE '${promo.from}' AND DATE '${promo.to}')) AS this_quarter,
          round(sum(amount) FILTER (WHERE date BETWEEN DATE '${promo.from}' - INTERVAL 1 YEAR AND DATE '${promo.to}' - INTERVAL 1 YEAR)) AS year_before,
          round(100 * (this_quarter / year_before - 1), 1) AS change_pct
        FROM sales WHERE category = '${promo.category}' GROUP BY region ORDER BY change_pct`),
    );

    table(
      `reps: growth vs satisfaction (${HIGH_GROWTH_LOW_SATISFACTION_REP} should top growth and bottom satisfaction)`,
      await rows(`
        WITH r AS (
          SELECT rep,
            sum(amount) FILTER (WHERE year(date) = 2024) AS y2024,
            sum(amount) FILTER (WHERE year(date) = 2025) AS y2025,
            sum(amount) FILTER (WHERE year(date) = 2026) AS ytd2026,
            sum(amount) FILTER (WHERE year(date) = 2025 AND strftime(date, '%m-%d') <= '${asOfMd}') AS ytd2025
          FROM sales GROUP BY rep),
        a AS (SELECT rep, sum(satisfaction * survey_responses) / sum(survey_responses) AS sat, avg(visits) AS visits FROM rep_activity GROUP BY rep)
        SELECT o.team, r.rep, round(r.y2025) AS revenue_2025, round(100 * (r.y2025 / r.y2024 - 1), 1) AS growth_2025_pct,
               round(100 * (r.ytd2026 / r.ytd2025 - 1), 1) AS growth_ytd_2026_pct, round(a.sat, 2) AS satisfaction, round(a.visits) AS visits_per_month
        FROM r JOIN a USING (rep) JOIN org o USING (rep) ORDER BY growth_ytd_2026_pct DESC`),
    );

    table(
      'company targets by version and attainment (actual / plan in force)',
      await rows(`
        WITH t AS (SELECT year(period) AS year, version, sum(amount) AS target FROM targets WHERE unit_type = 'company' GROUP BY 1, 2),
             a AS (SELECT year(date) AS year, sum(amount) AS actual FROM sales GROUP BY 1)
        SELECT t.year, t.version, round(t.target) AS target, round(a.actual) AS actual_to_as_of, round(100 * a.actual / t.target, 1) AS attainment_pct
        FROM t JOIN a USING (year) ORDER BY 1, 2`),
    );

    const mismatches = await rows(`
      WITH rep AS (SELECT t.period, t.version, o.team, sum(t.amount) AS s FROM targets t JOIN org o ON t.unit = o.rep WHERE t.unit_type = 'rep' GROUP BY ALL),
           team AS (SELECT period, version, sum(amount) AS s FROM targets WHERE unit_type = 'team' GROUP BY ALL)
      SELECT (SELECT count(*) FROM rep JOIN targets t ON t.unit_type = 'team' AND t.unit = rep.team AND t.period = rep.period AND t.version = rep.version WHERE round(t.amount, 2) <> round(rep.s, 2)) AS rep_vs_team,
             (SELECT count(*) FROM team JOIN targets t ON t.unit_type = 'company' AND t.unit = '${COMPANY_UNIT}' AND t.period = team.period AND t.version = team.version WHERE round(t.amount, 2) <> round(team.s, 2)) AS team_vs_company`);
    console.log('\ntarget roll-up mismatches (must be 0):', mismatches[0]);
    console.log(`sample spans ${FIRST_DAY} .. ${AS_OF}`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

await main();
