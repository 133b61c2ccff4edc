/**
 * Real Tableau "Sample - Superstore" exports, loaded through the browser's
 * file input and checked against values computed independently with Python's
 * csv module (tests/real/expected.py; see tests/real/EXPECTED.md).
 */
import { test, expect, openApp, loadFile, kpi } from '../e2e/fixtures';
import type { Page } from '@playwright/test';
import { dataset, expectBreakdown, sourceInfo, sql, sqlOne, toMap } from './helpers';

interface SuperstoreExpected {
  file: string;
  encoding: string;
  rows: number;
  revenue: number;
  profit: number;
  quantity: number;
  orders: number;
  customers: number;
  minDate: string;
  maxDate: string;
  revenueByRegion: Record<string, number>;
  /** key = `${Segment}|${year}`; Segment is the file's channel stand-in */
  revenueBySegmentYear: Record<string, number>;
  /** rows whose Customer Name / Product Name contains the text */
  customerFranzosisch: number;
  productResume: number;
  productImage: number;
  productRdquo: number;
  /** key = 'YYYY-MM' */
  rowsByMonth?: Record<string, number>;
}

// ---- expected values: python3 tests/real/expected.py (keys noted per constant in EXPECTED.md) ----

const CLASSIC: SuperstoreExpected = {
  file: 'superstore_classic/Sample-Superstore.csv',
  encoding: 'utf-8',
  rows: 9994,
  revenue: 2297200.8603,
  profit: 286397.0217,
  quantity: 37873,
  orders: 5009,
  customers: 793,
  minDate: '2014-01-03',
  maxDate: '2017-12-30',
  revenueByRegion: { Central: 501239.8908, East: 678781.24, South: 391721.905, West: 725457.8245 },
  revenueBySegmentYear: {
    'Consumer|2014': 266096.8126,
    'Consumer|2015': 266535.9333,
    'Consumer|2016': 296863.8992,
    'Consumer|2017': 331904.6999,
    'Corporate|2014': 128434.8737,
    'Corporate|2015': 128757.3069,
    'Corporate|2016': 207106.3618,
    'Corporate|2017': 241847.8244,
    'Home Office|2014': 89715.8118,
    'Home Office|2015': 75239.2688,
    'Home Office|2016': 105235.337,
    'Home Office|2017': 159462.7309,
  },
  customerFranzosisch: 36,
  productResume: 7,
  productImage: 3,
  productRdquo: 43,
};

/** Same rows as the classic edition, years +4, Windows-1252 bytes. */
const CP1252: SuperstoreExpected = {
  ...CLASSIC,
  file: 'superstore_cp1252/Sample - Superstore.csv',
  encoding: 'windows-1252',
  minDate: '2018-01-03',
  maxDate: '2021-12-30',
  revenueBySegmentYear: {
    'Consumer|2018': 266096.8126,
    'Consumer|2019': 266535.9333,
    'Consumer|2020': 296863.8992,
    'Consumer|2021': 331904.6999,
    'Corporate|2018': 128434.8737,
    'Corporate|2019': 128757.3069,
    'Corporate|2020': 207106.3618,
    'Corporate|2021': 241847.8244,
    'Home Office|2018': 89715.8118,
    'Home Office|2019': 75239.2688,
    'Home Office|2020': 105235.337,
    'Home Office|2021': 159462.7309,
  },
};

/** UTF-8 with BOM, D/M/YY dates (day first, two-digit year), US + Canada. */
const US_CA_2020: SuperstoreExpected = {
  file: 'superstore_2020_us_ca/Sample - Superstore.csv',
  encoding: 'utf-8 (BOM)',
  rows: 10194,
  revenue: 2326534.3543,
  profit: 292296.8146,
  quantity: 38654,
  orders: 5111,
  customers: 800,
  minDate: '2019-01-03',
  maxDate: '2022-12-30',
  revenueByRegion: { Central: 503170.6728, East: 691828.168, South: 391721.905, West: 739813.6085 },
  revenueBySegmentYear: {
    'Consumer|2019': 268700.1766,
    'Consumer|2020': 267332.5653,
    'Consumer|2021': 299715.1192,
    'Consumer|2022': 334911.9259,
    'Corporate|2019': 130792.3817,
    'Corporate|2020': 129108.2509,
    'Corporate|2021': 207661.3838,
    'Corporate|2022': 248244.1184,
    'Home Office|2019': 94547.6538,
    'Home Office|2020': 76552.2148,
    'Home Office|2021': 106557.077,
    'Home Office|2022': 162411.4869,
  },
  customerFranzosisch: 36,
  productResume: 7,
  productImage: 7,
  productRdquo: 43,
  // Month-by-month row counts: a month-first misreading of D/M/YY would move rows between months.
  rowsByMonth: {
    '2019-01': 84, '2019-02': 46, '2019-03': 159, '2019-04': 135, '2019-05': 132, '2019-06': 136,
    '2019-07': 143, '2019-08': 158, '2019-09': 273, '2019-10': 168, '2019-11': 320, '2019-12': 297,
    '2020-01': 64, '2020-02': 64, '2020-03': 141, '2020-04': 160, '2020-05': 150, '2020-06': 138,
    '2020-07': 140, '2020-08': 162, '2020-09': 295, '2020-10': 167, '2020-11': 324, '2020-12': 325,
    '2021-01': 95, '2021-02': 83, '2021-03': 166, '2021-04': 171, '2021-05': 229, '2021-06': 205,
    '2021-07': 205, '2021-08': 179, '2021-09': 366, '2021-10': 199, '2021-11': 370, '2021-12': 366,
    '2022-01': 161, '2022-02': 107, '2022-03': 245, '2022-04': 204, '2022-05': 247, '2022-06': 246,
    '2022-07': 230, '2022-08': 223, '2022-09': 465, '2022-10': 309, '2022-11': 460, '2022-12': 482,
  },
};

async function checkSuperstore(page: Page, e: SuperstoreExpected): Promise<void> {
  const file = dataset(e.file);
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, file), `load state of ${e.file}`).toBe('ready');

  // KPIs over the whole range (the app switches to period=all after a load).
  await expect.poll(() => kpi(page, 'revenue'), { message: 'revenue KPI' }).toBeCloseTo(e.revenue, 2);
  expect(await kpi(page, 'orders'), 'orders KPI (distinct Order ID)').toBe(e.orders);
  expect(await kpi(page, 'customers'), 'customers KPI (distinct Customer Name)').toBe(e.customers);
  expect(await kpi(page, 'quantity'), 'quantity KPI').toBe(e.quantity);

  const info = await sourceInfo(page);
  expect(info.rows, 'source rows').toBe(e.rows);
  expect(info.encoding, 'detected encoding').toBe(e.encoding);
  expect(info.delimiter, 'detected delimiter').toBe(',');

  const totals = await sqlOne(
    page,
    `SELECT count(*) AS n, sum(amount)::DOUBLE AS revenue, sum(profit)::DOUBLE AS profit,
       sum(quantity)::DOUBLE AS quantity, count(DISTINCT order_id) AS orders,
       strftime(min(date), '%Y-%m-%d') AS min_date, strftime(max(date), '%Y-%m-%d') AS max_date,
       count(*) FILTER (WHERE date IS NULL) AS no_date, count(*) FILTER (WHERE amount IS NULL) AS no_amount
     FROM sales`,
  );
  expect(Number(totals.n), 'SQL count(*)').toBe(e.rows);
  expect(Number(totals.revenue), 'SQL sum(amount)').toBeCloseTo(e.revenue, 2);
  expect(Number(totals.profit), 'SQL sum(profit)').toBeCloseTo(e.profit, 2);
  expect(Number(totals.quantity), 'SQL sum(quantity)').toBe(e.quantity);
  expect(Number(totals.orders), 'SQL count(DISTINCT order_id)').toBe(e.orders);
  expect(totals.min_date, 'min(date)').toBe(e.minDate);
  expect(totals.max_date, 'max(date)').toBe(e.maxDate);
  expect(Number(totals.no_date), 'rows without a date').toBe(0);
  expect(Number(totals.no_amount), 'rows without an amount').toBe(0);

  expectBreakdown(
    toMap(await sql(page, `SELECT region AS key, sum(amount)::DOUBLE AS value FROM sales GROUP BY region ORDER BY region`)),
    e.revenueByRegion,
    'revenue by region',
  );
  expectBreakdown(
    toMap(
      await sql(
        page,
        `SELECT concat(channel, '|', year(date)) AS key, sum(amount)::DOUBLE AS value
         FROM sales GROUP BY channel, year(date) ORDER BY key`,
      ),
    ),
    e.revenueBySegmentYear,
    'revenue by channel (Segment) and year',
  );

  // Non-ASCII text survives decoding.
  const text = await sqlOne(
    page,
    `SELECT count(*) FILTER (WHERE customer LIKE '%Französisch%') AS franz,
       count(*) FILTER (WHERE product LIKE '%Résumé%') AS resume,
       count(*) FILTER (WHERE product LIKE '%Imàge%') AS image,
       count(*) FILTER (WHERE product LIKE '%\u201d%') AS rdquo
     FROM sales`,
  );
  expect(Number(text.franz), "customers with 'Französisch'").toBe(e.customerFranzosisch);
  expect(Number(text.resume), "products with 'Résumé'").toBe(e.productResume);
  expect(Number(text.image), "products with 'Imàge'").toBe(e.productImage);
  expect(Number(text.rdquo), 'products with a right double quote U+201D').toBe(e.productRdquo);

  if (e.rowsByMonth) {
    const months = await sql(
      page,
      `SELECT strftime(date, '%Y-%m') AS key, count(*) AS value FROM sales GROUP BY key ORDER BY key`,
    );
    expect(toMap(months), 'rows per month').toEqual(e.rowsByMonth);
  }
}

test('superstore classic: UTF-8, every field quoted, M/D/YYYY', async ({ page }) => {
  await checkSuperstore(page, CLASSIC);
});

test('superstore cp1252: Windows-1252 bytes, ISO dates (+4 years)', async ({ page }) => {
  await checkSuperstore(page, CP1252);
});

test('superstore 2020 US+CA: UTF-8 BOM, D/M/YY day-first dates', async ({ page }) => {
  await checkSuperstore(page, US_CA_2020);
});
