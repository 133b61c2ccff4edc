/**
 * Adventure Works reseller sales (Microsoft PL-300 material): a pipe-delimited
 * export, a UTF-16LE export, and a wide UTF-16 targets file that is not a
 * sales file. Expected values: tests/real/expected.py (see EXPECTED.md).
 */
import { test, expect, openApp, loadFile, kpi } from '../e2e/fixtures';
import { dataset, expectBreakdown, mappedColumn, route, sourceInfo, sql, sqlOne, toMap } from './helpers';

// ---- expected values: python3 tests/real/expected.py → "aw_sales" ----
const SALES = {
  file: 'adventureworks_sales_targets/Sales.csv',
  rows: 57851,
  revenue: 77548570.2, // sum(Sales)
  cost: 76549075.63, // sum(Cost)
  quantity: 204114, // sum(Quantity)
  orders: 3616, // distinct SalesOrderNumber
  minDate: '2017-07-01',
  maxDate: '2020-05-31',
  revenueByYear: { '2017': 8069755.58, '2018': 24328786.25, '2019': 32500005.58, '2020': 12650022.79 },
};

// ---- python3 tests/real/expected.py → "aw_reseller_202006" ----
const RESELLER_202006 = {
  file: 'adventureworks_sales_targets/pl300_utf16/ResellerSales_202006.csv',
  name: 'ResellerSales_202006.csv',
  rows: 3004,
  revenue: 3429150.01, // sum(SalesAmount)
  quantity: 10264, // sum(OrderQuantity)
  cost: 3431054.44, // sum(TotalProductCost)
  orders: 180, // distinct SalesOrderNumber
  minDate: '2020-06-01',
  maxDate: '2020-06-30',
};

const TARGETS_WIDE = 'adventureworks_sales_targets/pl300_utf16/ResellerSalesTargets.csv';

test('adventureworks Sales.csv: pipe-delimited, YYYY/MM/DD, Sales/Cost/SalesOrderNumber', async ({ page }) => {
  const file = dataset(SALES.file);
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, file), 'load state').toBe('ready');

  await expect.poll(() => kpi(page, 'revenue'), { message: 'revenue KPI = sum(Sales)' }).toBeCloseTo(SALES.revenue, 2);
  expect(await kpi(page, 'orders'), 'orders KPI = distinct SalesOrderNumber').toBe(SALES.orders);
  expect(await kpi(page, 'quantity'), 'quantity KPI').toBe(SALES.quantity);

  const info = await sourceInfo(page);
  expect(info.rows, 'source rows').toBe(SALES.rows);
  expect(info.delimiter, 'detected delimiter').toBe('|');
  expect(info.encoding, 'detected encoding').toBe('utf-8');
  expect(await mappedColumn(page, 'date'), 'date ←').toBe('OrderDate');
  expect(await mappedColumn(page, 'amount'), 'amount ←').toBe('Sales');
  expect(await mappedColumn(page, 'cost'), 'cost ←').toBe('Cost');
  expect(await mappedColumn(page, 'order_id'), 'order_id ←').toBe('SalesOrderNumber');
  expect(await mappedColumn(page, 'quantity'), 'quantity ←').toBe('Quantity');

  const t = await sqlOne(
    page,
    `SELECT count(*) AS n, sum(amount)::DOUBLE AS revenue, sum(cost)::DOUBLE AS cost,
       sum(quantity)::DOUBLE AS quantity, count(DISTINCT order_id) AS orders,
       strftime(min(date), '%Y-%m-%d') AS min_date, strftime(max(date), '%Y-%m-%d') AS max_date,
       count(*) FILTER (WHERE date IS NULL) AS no_date
     FROM sales`,
  );
  expect(Number(t.n), 'SQL count(*)').toBe(SALES.rows);
  expect(Number(t.revenue), 'SQL sum(amount)').toBeCloseTo(SALES.revenue, 2);
  expect(Number(t.cost), 'SQL sum(cost)').toBeCloseTo(SALES.cost, 2);
  expect(Number(t.quantity), 'SQL sum(quantity)').toBe(SALES.quantity);
  expect(Number(t.orders), 'SQL count(DISTINCT order_id)').toBe(SALES.orders);
  expect(t.min_date, 'min(date)').toBe(SALES.minDate);
  expect(t.max_date, 'max(date)').toBe(SALES.maxDate);
  expect(Number(t.no_date), 'rows without a date').toBe(0);

  expectBreakdown(
    toMap(
      await sql(
        page,
        `SELECT CAST(year(date) AS VARCHAR) AS key, sum(amount)::DOUBLE AS value FROM sales GROUP BY key ORDER BY key`,
      ),
    ),
    SALES.revenueByYear,
    'revenue by year',
  );
});

test('adventureworks ResellerSales_202006.csv: UTF-16LE BOM, SalesAmount and OrderQuantity', async ({ page }) => {
  const file = dataset(RESELLER_202006.file);
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, file), 'load state').toBe('ready');

  await expect
    .poll(() => kpi(page, 'revenue'), { message: 'revenue KPI = sum(SalesAmount)' })
    .toBeCloseTo(RESELLER_202006.revenue, 2);
  expect(await kpi(page, 'orders'), 'orders KPI = distinct SalesOrderNumber').toBe(RESELLER_202006.orders);
  expect(await kpi(page, 'quantity'), 'quantity KPI = sum(OrderQuantity)').toBe(RESELLER_202006.quantity);

  const info = await sourceInfo(page);
  expect(info.rows, 'source rows').toBe(RESELLER_202006.rows);
  expect(info.encoding, 'detected encoding').toBe('utf-16le (BOM)');
  expect(info.delimiter, 'detected delimiter').toBe(',');
  // SalesAmount happens to equal OrderQuantity × UnitPrice here, so the totals alone can't tell the mapping apart.
  expect(await mappedColumn(page, 'amount'), 'amount ←').toBe('SalesAmount');
  expect(await mappedColumn(page, 'quantity'), 'quantity ←').toBe('OrderQuantity');
  expect(await mappedColumn(page, 'date'), 'date ←').toBe('OrderDate');
  expect(await mappedColumn(page, 'cost'), 'cost ←').toBe('TotalProductCost');
  expect(await mappedColumn(page, 'order_id'), 'order_id ←').toBe('SalesOrderNumber');

  const t = await sqlOne(
    page,
    `SELECT count(*) AS n, sum(amount)::DOUBLE AS revenue, sum(quantity)::DOUBLE AS quantity,
       sum(cost)::DOUBLE AS cost, count(DISTINCT order_id) AS orders,
       strftime(min(date), '%Y-%m-%d') AS min_date, strftime(max(date), '%Y-%m-%d') AS max_date
     FROM sales`,
  );
  expect(Number(t.n), 'SQL count(*)').toBe(RESELLER_202006.rows);
  expect(Number(t.revenue), 'SQL sum(amount)').toBeCloseTo(RESELLER_202006.revenue, 2);
  expect(Number(t.quantity), 'SQL sum(quantity)').toBe(RESELLER_202006.quantity);
  expect(Number(t.cost), 'SQL sum(cost)').toBeCloseTo(RESELLER_202006.cost, 2);
  expect(Number(t.orders), 'SQL count(DISTINCT order_id)').toBe(RESELLER_202006.orders);
  expect(t.min_date, 'min(date)').toBe(RESELLER_202006.minDate);
  expect(t.max_date, 'max(date)').toBe(RESELLER_202006.maxDate);
});

test('adventureworks ResellerSalesTargets.csv (wide UTF-16 targets) alone is no sales file: clear error, sample kept', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  const before = await kpi(page, 'revenue');
  expect(await loadFile(page, dataset(TARGETS_WIDE)), 'load state of the targets file').toBe('error');
  const alert = page.getByTestId('load-status').getByRole('alert');
  await expect(alert).toContainText('ResellerSalesTargets.csv');
  expect(await kpi(page, 'revenue'), 'the sample is still loaded').toBe(before);
});

test('adventureworks ResellerSalesTargets.csv dropped onto loaded sales joins them as the plan; the sales stay as they were', async ({
  page,
}) => {
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, dataset(RESELLER_202006.file)), 'baseline load').toBe('ready');
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(RESELLER_202006.revenue, 2);

  expect(await loadFile(page, dataset(TARGETS_WIDE)), 'load state of the targets file').toBe('ready');
  await route(page, '#/data?period=all');
  await expect(page.getByTestId('files-table').locator('tr[data-file="ResellerSalesTargets.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'targets');
  await expect(page.getByTestId('targets-load')).toBeVisible();
  const t = await sqlOne(page, 'SELECT count(*) AS n, sum(amount)::DOUBLE AS revenue FROM sales');
  expect(Number(t.n)).toBe(RESELLER_202006.rows);
  expect(Number(t.revenue)).toBeCloseTo(RESELLER_202006.revenue, 2);
});
