/**
 * A small, hand-made sales set for analysis tests, loaded into DuckDB as
 * `sales` (canonical columns) so the real SQL runs; expectations are computed
 * from the same rows in plain TS.
 */
import type { SqlRunner } from '../engine/types';
import { CANONICAL_FIELDS, DIMENSIONS } from '../model/schema';
import { compactSalesSql, flaggedSalesViewSql, LINES_ROLLUP_VIEW, orderConstantSql } from '../load/sales-table';
import { sqlString } from '../model/sql';

export interface FixtureRow {
  date: string;
  amount: number;
  quantity: number;
  cost: number;
  order_id: string;
  customer: string;
  product: string;
  category: string;
  channel: string;
  region: string;
  rep: string;
  team: string;
}

/** Deterministic rows across 2024-01 … 2025-06 with returns and a blank channel. */
export function fixtureRows(): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const regions = ['East', 'West', 'North'];
  const channels = ['Online', 'Retail', ''];
  const categories = ['Phones', 'Audio'];
  let n = 0;
  for (let month = 0; month < 18; month++) {
    const y = 2024 + Math.floor(month / 12);
    const m = (month % 12) + 1;
    for (let d = 1; d <= 28; d += 3) {
      n++;
      const quantity = (n % 5) + 1;
      const isReturn = n % 37 === 0;
      const price = 10 + (n % 7) * 5;
      rows.push({
        date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        amount: (isReturn ? -1 : 1) * quantity * price,
        quantity: (isReturn ? -1 : 1) * quantity,
        cost: (isReturn ? -1 : 1) * quantity * price * 0.6,
        order_id: `SO${Math.floor(n / 2)}`,
        customer: `C${n % 11}`,
        product: `P${n % 6}`,
        category: categories[n % 2],
        channel: channels[n % 3],
        region: regions[n % 3],
        rep: `R${n % 4}`,
        team: n % 4 < 2 ? 'T1' : 'T2',
      });
    }
  }
  return rows;
}

export async function loadFixture(db: SqlRunner, rows: FixtureRow[]): Promise<void> {
  const values = rows
    .map(
      (r) =>
        `(DATE '${r.date}', ${r.amount}, ${r.quantity}, NULL, ${r.cost}, ${r.amount - r.cost}, ${sqlString(r.order_id)}, ${sqlString(r.customer)}, ${sqlString(r.product)}, ${sqlString(r.category)}, ${r.channel ? sqlString(r.channel) : 'NULL'}, ${sqlString(r.region)}, ${sqlString(r.rep)}, ${sqlString(r.team)})`,
    )
    .join(',\n');
  await db.query(`CREATE OR REPLACE TABLE sales_fixture (date DATE, amount DOUBLE, quantity DOUBLE, unit_price DOUBLE, cost DOUBLE, profit DOUBLE,
    order_id VARCHAR, customer VARCHAR, product VARCHAR, category VARCHAR, channel VARCHAR, region VARCHAR, rep VARCHAR, team VARCHAR)`);
  await db.query(`INSERT INTO sales_fixture VALUES ${values}`);
  // The loaded tables' line number, which the compaction's order flags use.
  await db.query('ALTER TABLE sales_fixture ADD COLUMN _row BIGINT');
  await db.query('UPDATE sales_fixture SET _row = rowid + 1');
  await db.query(`CREATE OR REPLACE VIEW sales AS SELECT ${CANONICAL_FIELDS.join(', ')} FROM sales_fixture`);
  await db.query(LINES_ROLLUP_VIEW);
}

/**
 * The app's background compaction over the loaded fixture: the compacted copy
 * and `sales_flagged` with its order flags. Returns what the app records as
 * `orderConstant`: which of date and the dimensions never vary within an order.
 */
export async function compactFixture(db: SqlRunner): Promise<string[]> {
  for (const sql of compactSalesSql('sales_fixture', [])) await db.query(sql);
  await db.query(flaggedSalesViewSql('sales_fixture'));
  const fields = ['date', ...DIMENSIONS];
  const [row] = await db.query<Record<string, boolean | null>>(orderConstantSql(fields));
  return fields.filter((f) => row?.[f] !== false);
}
