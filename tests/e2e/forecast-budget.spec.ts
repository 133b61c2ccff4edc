import { test, expect, openApp, loadFile } from './fixtures';
import { sampleQuery } from './sample-reference';

async function asOfDate(): Promise<string> {
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  return last;
}

test('forecast: chart with bands, backtest accuracy beside it, projection from actual to date', async ({ page }) => {
  const last = await asOfDate();
  const year = last.slice(0, 4);
  await openApp(page, '#/forecast');
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const chart = page.getByTestId('chart-forecast');
  await expect(chart.locator('svg').first()).toBeVisible();
  // Accuracy numbers are real numbers beside the chart.
  const mape = Number(await page.getByTestId('forecast-mape').getAttribute('data-value'));
  const mase = Number(await page.getByTestId('forecast-mase').getAttribute('data-value'));
  expect(mape).toBeGreaterThan(0);
  expect(mape).toBeLessThan(1);
  expect(mase).toBeGreaterThan(0);
  expect(await page.getByTestId('forecast-method').getAttribute('data-value')).toMatch(/^(seasonal-naive|hw-|regression|theta|combination)/);
  // Projection = actual to date (native DuckDB) + the forecast of the remaining months.
  const [{ ytd }] = await sampleQuery<{ ytd: number }>(`SELECT sum(amount) AS ytd FROM ws.sales WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}'`);
  const actualCell = page.locator('[data-testid="forecast-units"] td[data-col="actualToDate"]').first();
  expect(Number(await actualCell.getAttribute('data-value'))).toBeCloseTo(Number(ytd), 2);
  const projection = Number(await page.locator('[data-kpi="projection"]').getAttribute('data-value'));
  expect(projection).toBeGreaterThan(Number(ytd));
  const [{ target }] = await sampleQuery<{ target: number }>(
    `SELECT sum(amount) AS target FROM ws.targets WHERE unit_type = 'company' AND year(period) = ${year}
       AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})`,
  );
  expect(Number(await page.locator('[data-kpi="target"]').getAttribute('data-value'))).toBeCloseTo(Number(target), 2);
  const probability = Number(await page.locator('[data-kpi="probability"]').getAttribute('data-value'));
  expect(probability).toBeGreaterThanOrEqual(0);
  expect(probability).toBeLessThanOrEqual(1);

  // One projection: #/targets shows the same year-end number for the company and for every team.
  await page.evaluate(() => (location.hash = '#/forecast?o.level=team'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const teamRows = page.locator('[data-testid="forecast-units"] tbody tr');
  await expect(teamRows).toHaveCount(3);
  const teams = await teamRows.evaluateAll((trs) =>
    trs.map((tr) => ({ unit: tr.querySelector('[data-col="unit"]')!.getAttribute('data-value')!, projection: Number(tr.querySelector('[data-col="projection"]')!.getAttribute('data-value')) })),
  );
  await page.evaluate(() => (location.hash = '#/targets?period=ytd&o.level=team'));
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  expect(Number(await page.locator('[data-kpi="projection"]').getAttribute('data-value'))).toBeCloseTo(projection, 2);
  for (const team of teams) {
    const value = await page.locator(`[data-testid="status-table"] tr[data-level="team"][data-unit="${team.unit}"] [data-col="projection"]`).first().getAttribute('data-value');
    expect(Number(value), team.unit).toBeCloseTo(team.projection, 2);
  }

  // All reps: one row each, forecast off the main thread.
  await page.evaluate(() => (location.hash = '#/forecast?o.level=rep'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.locator('[data-testid="forecast-units"] tbody tr')).toHaveCount(18);
});

test('budget: variance for one team and line matches native DuckDB; alerts link to the what-changed drill', async ({ page }) => {
  const last = await asOfDate();
  const year = last.slice(0, 4);
  await openApp(page, '#/budget?period=ytd');
  await expect(page.getByTestId('budget')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // Budget YTD with the as-of month prorated by days; actual revenue from sales.
  const [ref] = await sampleQuery<{ budget: number; actual: number }>(`
    SELECT
      (SELECT sum(amount * (least(last_day(period), DATE '${last}') - period + 1) / day(last_day(period)))
         FROM ws.budget WHERE unit = '北方团队' AND line = 'revenue' AND period BETWEEN DATE '${year}-01-01' AND DATE '${last}') AS budget,
      (SELECT sum(amount) FROM ws.sales WHERE team = '北方团队' AND date BETWEEN DATE '${year}-01-01' AND DATE '${last}') AS actual`);
  const row = page
    .locator('[data-testid="budget-table"] tbody tr')
    .filter({ has: page.locator('td[data-col="unit"][data-value="北方团队"]') })
    .filter({ has: page.locator('td[data-col="line"][data-value="revenue"]') });
  await expect(row).toHaveCount(1);
  const num = async (col: string) => Number(await row.locator(`td[data-col="${col}"]`).getAttribute('data-value'));
  expect(await num('budget')).toBeCloseTo(Number(ref.budget), 2);
  expect(await num('actual')).toBeCloseTo(Number(ref.actual), 2);
  expect(await num('variance')).toBeCloseTo(Number(ref.actual) - Number(ref.budget), 2);
  expect(await row.locator('td[data-col="favourable"]').getAttribute('data-value')).toBe(String(Number(ref.actual) >= Number(ref.budget)));
  // Full-year outlook: the whole year's revenue budget, actual to date, outlook = actual + forecast ≥ actual.
  const [{ fy }] = await sampleQuery<{ fy: number }>(`SELECT sum(amount) AS fy FROM ws.budget WHERE unit = '北方团队' AND line = 'revenue' AND year(period) = ${year}`);
  const outlookRow = page.locator('[data-testid="budget-outlook"] tbody tr').filter({ has: page.locator('td[data-col="unit"][data-value="北方团队"]') });
  const outlookNum = async (col: string) => Number(await outlookRow.locator(`td[data-col="${col}"]`).getAttribute('data-value'));
  expect(await outlookNum('budget')).toBeCloseTo(Number(fy), 2);
  expect(await outlookNum('actualToDate')).toBeCloseTo(Number(ref.actual), 2);
  expect(await outlookNum('outlook')).toBeGreaterThan(Number(ref.actual));
  // Selling expense: budget only.
  await expect(page.getByTestId('budget-no-actual')).toBeVisible();
  // A zero threshold turns every unfavourable line into an alert, listed first, with the drill link.
  await page.getByTestId('budget-threshold').fill('0');
  await page.getByTestId('budget-threshold').dispatchEvent('change');
  const drill = page.getByTestId('budget-drill').first();
  await expect(drill).toBeVisible();
  expect(await drill.getAttribute('href')).toContain('#/regions');
});

test('forecast scenario: a +15 % target saved as a plan revision becomes the plan in force', async ({ page }) => {
  await openApp(page, '#/forecast?o.revise=15');
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('forecast-last-month')).toBeVisible();
  const before = Number(await page.locator('[data-kpi="target"]').getAttribute('data-value'));
  await page.getByTestId('forecast-preview').click();
  await expect(page.locator('[data-testid="forecast-plan-preview"] tbody tr').first()).toBeVisible();
  await page.getByTestId('forecast-reason').fill('e2e: +15 %');
  await page.getByTestId('forecast-save-revision').click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // The revised annual amount is rounded to whole units.
  await expect.poll(async () => Number(await page.locator('[data-kpi="target"]').getAttribute('data-value'))).toBeCloseTo(Math.round(before * 1.15), 0);
  // The revision is kept in this browser like a plan saved on #/targets: it is in force after a reload.
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-plan-kept', 'true');
  await page.reload();
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect.poll(async () => Number(await page.locator('[data-kpi="target"]').getAttribute('data-value'))).toBeCloseTo(Math.round(before * 1.15), 0);
});

test('a budget file dropped onto loaded sales becomes the budget: variance per team and line against hand-worked sums', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  expect(await loadFile(page, 'tests/fixtures/cn-budget.csv')).toBe('ready');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('files-table').locator('tr[data-file="cn-budget.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'budget');
  await expect(page.getByTestId('budget-load')).toHaveAttribute('data-rows', '7');

  await page.evaluate(() => (location.hash = '#/budget?period=custom&from=2026-01-01&to=2026-02-28'));
  await expect(page.getByTestId('budget')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const cell = async (unit: string, line: string, col: string) => {
    const row = page
      .locator('[data-testid="budget-table"] tbody tr')
      .filter({ has: page.locator(`td[data-col="unit"][data-value="${unit}"]`) })
      .filter({ has: page.locator(`td[data-col="line"][data-value="${line}"]`) });
    return Number(await row.locator(`td[data-col="${col}"]`).getAttribute('data-value'));
  };
  // 华东一组: budget 5,000 + 6,000; actual 3,998 (SO001) + 8,990 (SO004); cost 2,800 + 5,400 vs 3,500 + 4,000.
  expect(await cell('华东一组', 'revenue', 'budget')).toBeCloseTo(11000, 6);
  expect(await cell('华东一组', 'revenue', 'actual')).toBeCloseTo(12988, 6);
  expect(await cell('华东一组', 'revenue', 'variance')).toBeCloseTo(1988, 6);
  expect(await cell('华东一组', 'cost_of_sales', 'actual')).toBeCloseTo(8200, 6);
  expect(await cell('华东一组', 'cost_of_sales', 'variance')).toBeCloseTo(8200 - 7500, 6);
  // 北方团队: 1,497.50 + 1,999.00 against 8,000.
  expect(await cell('北方团队', 'revenue', 'actual')).toBeCloseTo(3496.5, 6);
  expect(await cell('北方团队', 'revenue', 'variance')).toBeCloseTo(3496.5 - 8000, 6);
});

test('weekly forecast: whole Monday–Sunday weeks of the unit (native DuckDB), 26 weeks ahead with bands and backtest accuracy', async ({ page }) => {
  const last = await asOfDate();
  await openApp(page, '#/forecast?o.level=team&o.unit=%E5%8C%97%E6%96%B9%E5%9B%A2%E9%98%9F');
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('forecast-weekly').click();
  const chart = page.getByTestId('chart-forecast-weekly');
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 60_000 });
  await chart.getByRole('button', { name: /data table|数据表/i }).click();
  const rows = chart.locator('tbody tr');
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-col'), td.getAttribute('data-value')]))),
  );
  const history = cells.filter((c) => c.actual !== '');
  const future = cells.filter((c) => c.forecast !== '');
  expect(future).toHaveLength(26);
  for (const f of future) expect(Number(f.lo80)).toBeLessThanOrEqual(Number(f.hi80));
  // The last week shown ended by the data's last day; its total and the one before, from native DuckDB.
  const [{ lastEnd }] = await sampleQuery<{ lastEnd: string }>(`SELECT strftime(DATE '${last}' - CAST(dayofweek(DATE '${last}') AS INTEGER), '%Y-%m-%d') AS lastEnd`);
  const lastWeek = history[history.length - 1].month!;
  const [ref] = await sampleQuery<{ week: string; total: number }>(`
    SELECT strftime(date_trunc('week', date), '%Y-%m-%d') AS week, sum(amount) AS total FROM ws.sales
    WHERE team = '北方团队' AND date <= DATE '${lastEnd}' GROUP BY 1 ORDER BY 1 DESC LIMIT 1`);
  expect(lastWeek).toBe(ref.week);
  expect(Number(history[history.length - 1].actual)).toBeCloseTo(Number(ref.total), 2);
  await expect(page.getByTestId('forecast-weekly-accuracy')).toHaveAttribute('data-method', /.+/);
  expect(page.url()).toContain('o.grain=week');
});

test('a budget line entered in the app replaces the loaded one for that team and line, is kept across a reload, and can be removed', async ({ page }) => {
  const last = await asOfDate();
  const year = last.slice(0, 4);
  await openApp(page, `#/budget?period=custom&from=${year}-01-01&to=${year}-12-31`);
  await expect(page.getByTestId('budget')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const budgetOf = async (unit: string, line: string) => {
    const row = page
      .locator('[data-testid="budget-table"] tbody tr')
      .filter({ has: page.locator(`td[data-col="unit"][data-value="${unit}"]`) })
      .filter({ has: page.locator(`td[data-col="line"][data-value="${line}"]`) });
    return Number(await row.locator('td[data-col="budget"]').getAttribute('data-value'));
  };
  const [ref] = await sampleQuery<{ revenue: number; cost: number }>(`
    SELECT sum(amount) FILTER (WHERE line = 'revenue') AS revenue, sum(amount) FILTER (WHERE line = 'cost_of_sales') AS cost
    FROM ws.budget WHERE unit = '北方团队' AND year(period) = ${year}`);
  expect(await budgetOf('北方团队', 'revenue')).toBeCloseTo(Number(ref.revenue), 2);

  const entry = page.getByTestId('budget-entry');
  await entry.locator('summary').click();
  await page.getByTestId('budget-entry-unit').selectOption('北方团队');
  await page.getByTestId('budget-entry-line').selectOption('revenue');
  await page.getByTestId('budget-entry-amount').fill('1200000');
  await page.getByTestId('budget-entry-phasing').selectOption('even');
  await page.getByTestId('budget-entry-save').click();
  await expect(page.getByTestId('budget-entry-message')).toBeVisible();
  await expect.poll(() => budgetOf('北方团队', 'revenue')).toBeCloseTo(1200000, 2);
  expect(await budgetOf('北方团队', 'cost_of_sales')).toBeCloseTo(Number(ref.cost), 2); // other lines untouched

  await page.reload();
  await expect(page.getByTestId('budget')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect.poll(() => budgetOf('北方团队', 'revenue')).toBeCloseTo(1200000, 2);

  await entry.locator('summary').click();
  await page.getByTestId('budget-entry-remove').click();
  await expect.poll(() => budgetOf('北方团队', 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
});

test('a budget set per region (wide file, 1月..12月, "-" = none) is compared per region', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, ['tests/fixtures/cn-gbk.csv', 'tests/fixtures/region-budget.csv'])).toBe('ready');
  await page.evaluate(() => (location.hash = '#/budget?period=custom&from=2026-01-01&to=2026-02-28'));
  await expect(page.getByTestId('budget')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const cell = async (unit: string, col: string) => {
    const row = page
      .locator('[data-testid="budget-table"] tbody tr')
      .filter({ has: page.locator(`td[data-col="unit"][data-value="${unit}"]`) })
      .filter({ has: page.locator('td[data-col="line"][data-value="revenue"]') });
    return Number(await row.locator(`td[data-col="${col}"]`).getAttribute('data-value'));
  };
  // 华东: 5,000 + 6,000 against 3,998 + 8,990; 华南: only February's 1,000 against −299.50 (a return).
  expect(await cell('华东', 'budget')).toBeCloseTo(11000, 6);
  expect(await cell('华东', 'actual')).toBeCloseTo(12988, 6);
  expect(await cell('华南', 'budget')).toBeCloseTo(1000, 6);
  expect(await cell('华南', 'actual')).toBeCloseTo(-299.5, 6);
  expect(await cell('华北', 'variance')).toBeCloseTo(3496.5 - 8000, 6);
});
