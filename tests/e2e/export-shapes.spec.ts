/**
 * Exports of the shapes real users have, generated here and dropped through the real file input:
 * a monthly summary, a file whose amount must be picked on the error card, n/a amounts, German headers.
 * Every expected number is computed in TS from the generated rows.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, loadFile, kpi } from './fixtures';

const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
const pad = (n: number) => String(n).padStart(2, '0');

/** On the error card: picks the amount column, loads, and waits for that load to be ready. */
async function pickAmountAndLoad(page: Page, amount: string) {
  await page.getByTestId('pick-amount').selectOption(amount);
  const status = page.getByTestId('load-status');
  const attempts = Number(await status.getAttribute('data-attempts'));
  await page.getByTestId('pick-load').click();
  await expect(status).toHaveAttribute('data-attempts', String(attempts + 1));
  await expect(status).toHaveAttribute('data-state', 'ready');
}

test('a monthly two-column export loads as whole months: as-of is the last month’s end, the forecast starts after it', async ({ page }) => {
  // 30 months, 2023-01 … 2025-06, with a season and a trend.
  const months = Array.from({ length: 30 }, (_, k) => ({ y: 2023 + Math.floor(k / 12), m: (k % 12) + 1, v: Math.round((10000 + 150 * k + 2000 * Math.sin((k * Math.PI) / 6)) * 100) / 100 }));
  await openApp(page);
  expect(await loadFile(page, csvFile('monthly.csv', ['"Month","Sales"', ...months.map((x) => `"${x.y}-${pad(x.m)}",${x.v}`)]))).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'month');
  const notice = page.getByTestId('load-warnings');
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice.locator('li[data-code="monthly"]')).toHaveAttribute('data-count', '30');
  expect(await kpi(page, 'revenue')).toBeCloseTo(months.reduce((s, x) => s + x.v, 0), 2);

  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-06-30');
  await expect(page.getByTestId('period-range')).toHaveAttribute('data-end', '2025-06-30');
  expect(await kpi(page, 'revenue')).toBeCloseTo(months.filter((x) => x.y === 2025).reduce((s, x) => s + x.v, 0), 2);

  // A date chosen inside a month means the month's end.
  await page.evaluate(() => (location.hash = '#/overview?period=ytd&asof=2025-03-10'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-03-31');
  expect(await kpi(page, 'revenue')).toBeCloseTo(months.filter((x) => x.y === 2025 && x.m <= 3).reduce((s, x) => s + x.v, 0), 2);

  await page.evaluate(() => (location.hash = '#/forecast?period=ytd'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // June is complete, not 1/30 of a month: the forecast's last complete month is June.
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-last-complete', /^2025-06/);
  await page.evaluate(() => (location.hash = '#/targets?period=ytd'));
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
});

test('a monthly export of one month is a month too: the format says so where one date cannot', async ({ page }) => {
  const rows = [['华东', 1200.5], ['华南', 800], ['华北', 650.25]] as const;
  await openApp(page);
  expect(await loadFile(page, csvFile('march.csv', ['"月份","区域","销售额"', ...rows.map(([r, v]) => `"2025-03","${r}",${v}`)]))).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'month');
  await page.evaluate(() => (location.hash = '#/overview?period=mtd'));
  // The whole of March, not its first day.
  await expect(page.getByTestId('as-of')).toHaveValue('2025-03-31');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, [, v]) => s + v, 0), 2);
});

test('a weekly export (2025-W01 … 2025-W10) loads as whole ISO weeks: as-of is the last week’s Sunday', async ({ page }) => {
  // Hand-worked: 2025-W01 starts on Monday 30 Dec 2024; W10 on 3 Mar 2025, so its Sunday is 9 Mar.
  const weeks = Array.from({ length: 10 }, (_, k) => ({ w: k + 1, monday: new Date(Date.UTC(2024, 11, 30 + 7 * k)).toISOString().slice(0, 10), v: 1000 + 37.25 * k }));
  await openApp(page);
  expect(await loadFile(page, csvFile('weekly.csv', ['"Week","Sales"', ...weeks.map((x) => `"2025-W${pad(x.w)}",${x.v}`)]))).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'week');
  await expect(page.getByTestId('load-warnings').locator('li[data-code="weekly"]')).toHaveAttribute('data-count', '10');
  await page.evaluate(() => (location.hash = '#/overview?period=mtd'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-03-09');
  // March to date: the weeks whose Monday is in March (W10 only).
  expect(await kpi(page, 'revenue')).toBeCloseTo(weeks.filter((x) => x.monday >= '2025-03-01').reduce((s, x) => s + x.v, 0), 2);
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  // The year to date: W01's Monday is in 2024, so it is not in 2025's total.
  expect(await kpi(page, 'revenue')).toBeCloseTo(weeks.filter((x) => x.monday >= '2025-01-01').reduce((s, x) => s + x.v, 0), 2);
});

test('a Chinese monthly summary with 年份 and 月份 in two columns loads as whole months, and says where its dates come from', async ({ page }) => {
  // 2024-01 … 2025-03 per region, the month as 1月 … 12月.
  const rows = Array.from({ length: 30 }, (_, k) => ({ y: 2024 + Math.floor((k % 15) / 12), m: ((k % 15) % 12) + 1, region: k < 15 ? '华东' : '华南', v: 5000 + k * 123.25 }));
  await openApp(page);
  expect(await loadFile(page, csvFile('月度汇总.csv', ['年份,月份,区域,销售额', ...rows.map((r) => `${r.y},${r.m}月,${r.region},${r.v}`)]))).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'month');
  const notice = page.getByTestId('load-warnings');
  await expect(notice.locator('li[data-code="date-from-year-month"]')).toContainText('年份 + 月份');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, r) => s + r.v, 0), 2);
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-03-31');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.filter((r) => r.y === 2025).reduce((s, r) => s + r.v, 0), 2);
});

test('a German monthly summary over two files (Jahr;Monat;Filiale;Umsatz + the branches’ regions) takes its dates from year and month', async ({ page }) => {
  // 2024-07 … 2025-06 for three branches, the month as a number; amounts with decimal commas.
  const branches = { F1: 'Nord', F2: 'Süd', F3: 'Nord' } as const;
  const rows = Array.from({ length: 36 }, (_, k) => ({ y: 2024 + Math.floor((6 + (k % 12)) / 12), m: ((6 + (k % 12)) % 12) + 1, f: (['F1', 'F2', 'F3'] as const)[Math.floor(k / 12)], v: 1000 + k * 37.5 }));
  const de = (v: number) => v.toFixed(2).replace('.', ',');
  const fs = await import('node:fs/promises');
  const summary = test.info().outputPath('umsatz.csv');
  const lookup = test.info().outputPath('filialen.csv');
  await fs.writeFile(summary, ['Jahr;Monat;Filiale;Umsatz', ...rows.map((r) => `${r.y};${r.m};${r.f};${de(r.v)}`)].join('\n') + '\n');
  await fs.writeFile(lookup, ['Filiale;Region', ...Object.entries(branches).map(([f, g]) => `${f};${g}`)].join('\n') + '\n');
  await openApp(page);
  expect(await loadFile(page, [summary, lookup])).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'month');
  await expect(page.getByTestId('load-warnings').locator('li[data-code="date-from-year-month"]')).toContainText('Jahr + Monat');
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-06-30');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, r) => s + r.v, 0), 2);
  // The branches file is joined: its regions filter the months.
  await page.evaluate(() => (location.hash = '#/overview?period=all&f.region=Nord'));
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.filter((r) => branches[r.f] === 'Nord').reduce((s, r) => s + r.v, 0), 2);
});

test('when the amount cannot be told, the error card offers the columns; picking one loads the file', async ({ page }) => {
  const rows = Array.from({ length: 20 }, (_, k) => ({ d: `2026-01-${pad(k + 1)}`, a: 100 + k + 0.25, b: 120 + k + 0.75 }));
  await openApp(page);
  const before = await kpi(page, 'revenue');
  expect(await loadFile(page, csvFile('two.csv', ['d,a,b', ...rows.map((r) => `${r.d},${r.a},${r.b}`)]))).toBe('error');
  const picker = page.getByTestId('column-picker');
  await expect(picker).toBeVisible();
  // The previous workspace is still on screen.
  expect(await kpi(page, 'revenue')).toBe(before);
  await expect(page.getByTestId('pick-date')).toHaveValue('d');
  await pickAmountAndLoad(page, 'b');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, r) => s + r.b, 0), 2);
});

test('several files where no amount can be told: the card offers the largest file’s columns; the picked ones load it with its lookup joined', async ({ page }) => {
  const rows = Array.from({ length: 24 }, (_, k) => ({ d: `2026-03-${pad(k + 1)}`, c: `K${k % 4}`, a: 200 + k + 0.25, b: 300 + k * 2 + 0.5 }));
  const regions = ['Nord', 'Süd', 'Nord', 'West'];
  const lines = test.info().outputPath('zeilen.csv');
  const customers = test.info().outputPath('kunden.csv');
  const fs = await import('node:fs/promises');
  await fs.writeFile(lines, ['Tag,KundeNr,Wert1,Wert2', ...rows.map((r) => `${r.d},${r.c},${r.a},${r.b}`)].join('\n') + '\n');
  await fs.writeFile(customers, ['KundeNr,Name,Region', ...regions.map((g, i) => `K${i},Kunde ${i},${g}`)].join('\n') + '\n');
  await openApp(page);
  expect(await loadFile(page, [lines, customers])).toBe('error');
  const picker = page.getByTestId('column-picker');
  await expect(picker).toContainText('zeilen.csv');
  await expect(page.getByTestId('pick-date')).toHaveValue('Tag');
  await pickAmountAndLoad(page, 'Wert2');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, r) => s + r.b, 0), 2);
  // The customers file is joined: its regions filter the lines.
  await page.evaluate(() => (location.hash = '#/overview?period=all&f.region=Nord'));
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.filter((r) => regions[Number(r.c.slice(1))] === 'Nord').reduce((s, r) => s + r.b, 0), 2);
});

test('180 of 200 amounts "n/a": revenue is the 20 others, and an alert says so, on #/data too', async ({ page }) => {
  const rows = Array.from({ length: 200 }, (_, k) => ({ d: `2026-02-${pad((k % 28) + 1)}`, v: k % 10 === 0 ? String(95) : 'n/a' }));
  await openApp(page);
  expect(await loadFile(page, csvFile('na.csv', ['Order Date,Sales', ...rows.map((r) => `${r.d},${r.v}`)]))).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.filter((r) => r.v !== 'n/a').length * 95, 6);
  const notice = page.getByTestId('load-warnings');
  await expect(notice).toHaveAttribute('role', 'alert');
  const missing = notice.locator('li[data-code="missing-amounts"]');
  await expect(missing).toHaveAttribute('data-count', '180');
  await expect(missing).toHaveAttribute('data-total', '200');
  await expect(missing).toContainText('n/a');
  await page.evaluate(() => (location.hash = '#/data'));
  await expect(page.locator('[data-testid="data-warnings"] li[data-code="missing-amounts"]')).toHaveAttribute('data-count', '180');
});

test('a German export (Datum;Kunde;Umsatz, 05.01.2026, 1.234,50) loads by its header names', async ({ page }) => {
  const rows = Array.from({ length: 30 }, (_, k) => ({ d: `${pad((k % 28) + 1)}.${pad((k % 12) + 1)}.2026`, v: 1000 + k * 37.25 }));
  const de = (x: number) => x.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  await openApp(page);
  expect(await loadFile(page, csvFile('umsatz.csv', ['Datum;Kunde;Umsatz', ...rows.map((r, k) => `${r.d};Kunde ${k % 4};${de(r.v)}`)]))).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((s, r) => s + r.v, 0), 2);
});
