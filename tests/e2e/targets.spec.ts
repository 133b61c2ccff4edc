import { test, expect, openApp, loadFile, writeSql } from './fixtures';
import { sampleQuery } from './sample-reference';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import readXlsxFile from 'read-excel-file/node';
import { forecastSeries } from '../../src/lib/forecast/forecast';

/** The sample's as-of date and fiscal year (calendar), straight from the data. */
async function asOfDate(): Promise<string> {
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  return last;
}

async function ready(page: Page) {
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
}

async function cell(page: Page, level: string, unit: string, col: string): Promise<number> {
  const value = await page.locator(`[data-testid="status-table"] tr[data-level="${level}"][data-unit="${unit}"] [data-col="${col}"]`).first().getAttribute('data-value');
  return Number(value);
}

test('team status YTD: targets, actuals, expected-to-date and members beneath, against native DuckDB', async ({ page }) => {
  const last = await asOfDate();
  const year = last.slice(0, 4);
  await openApp(page, '#/targets?o.level=team&o.kind=ytd');
  await ready(page);
  const actuals = await sampleQuery<{ team: string; actual: number }>(
    `SELECT team, sum(amount) AS actual FROM ws.sales WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}' GROUP BY team`,
  );
  // The plan in force: each year's highest version. Expected to date: elapsed months + the as-of month by elapsed days.
  const targets = await sampleQuery<{ unit: string; target: number; expected: number }>(`
    SELECT unit, sum(amount) AS target,
      sum(CASE WHEN last_day(period) <= DATE '${last}' THEN amount
               WHEN period <= DATE '${last}' THEN amount * day(DATE '${last}') / day(last_day(period)) ELSE 0 END) AS expected
    FROM ws.targets WHERE unit_type = 'team' AND year(period) = ${year}
      AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})
    GROUP BY unit`);
  expect(actuals).toHaveLength(3);
  for (const a of actuals) {
    const t = targets.find((x) => x.unit === a.team)!;
    expect(await cell(page, 'team', a.team, 'actual')).toBeCloseTo(Number(a.actual), 2);
    expect(await cell(page, 'team', a.team, 'target')).toBeCloseTo(Number(t.target), 2);
    expect(await cell(page, 'team', a.team, 'expected')).toBeCloseTo(Number(t.expected), 2);
    // One attainment (DESIGN.md): actual / target to date; the share of the year's target has its own name.
    expect(await cell(page, 'team', a.team, 'attainment')).toBeCloseTo(Number(a.actual) / Number(t.expected), 9);
    expect(await cell(page, 'team', a.team, 'ofFullTarget')).toBeCloseTo(Number(a.actual) / Number(t.target), 9);
    // roll-ups are exact in the sample: the members' targets are all allocated
    expect(await cell(page, 'team', a.team, 'unallocated')).toBeCloseTo(0, 2);
  }
  // every rep is listed beneath its team
  const [{ reps }] = await sampleQuery<{ reps: number }>('SELECT count(*) AS reps FROM ws.org');
  await expect(page.locator('[data-testid="status-table"] tr[data-level="rep"]')).toHaveCount(Number(reps));
  // own-rep credit: the members' contributions to their team's actual add up to 100 %
  const [{ team }] = await sampleQuery<{ team: string }>(`SELECT team FROM ws.org GROUP BY team ORDER BY team LIMIT 1`);
  const members = await sampleQuery<{ rep: string }>(`SELECT rep FROM ws.org WHERE team = '${team}'`);
  let contribution = 0;
  for (const m of members) contribution += await cell(page, 'rep', m.rep, 'contribution');
  expect(contribution).toBeCloseTo(1, 9);
  // The overview's attainment card is the same number as the company row here, for the same period and as-of date.
  await page.evaluate(() => (location.hash = '#/targets?o.level=company&o.kind=ytd'));
  await ready(page);
  const company = Number(await page.locator('[data-testid="status-table"] tr[data-level="company"] [data-col="attainment"]').first().getAttribute('data-value'));
  const companyExpected = Number(await page.locator('[data-testid="status-table"] tr[data-level="company"] [data-col="expected"]').first().getAttribute('data-value'));
  const [{ ytd }] = await sampleQuery<{ ytd: number }>(`SELECT sum(amount) AS ytd FROM ws.sales WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}'`);
  expect(company).toBeCloseTo(Number(ytd) / companyExpected, 9);
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  expect(Number(await page.locator('[data-kpi="attainment"]').getAttribute('data-value'))).toBeCloseTo(company, 9);
  await page.evaluate(() => (location.hash = '#/targets?o.level=team&o.kind=ytd'));
  await ready(page);
  for (const name of ['pacing', 'monthly', 'attainment', 'heat']) await expect(page.getByTestId(`chart-${name}`).locator('svg').first()).toBeVisible();
  // the sample's version history, with what the revision changed at the company level
  const versions = page.getByTestId('plan-versions');
  await expect(versions.locator('tbody tr')).toHaveCount(5);
  const [{ v1, v2 }] = await sampleQuery<{ v1: number; v2: number }>(`
    SELECT sum(amount) FILTER (WHERE version = 1) AS v1, sum(amount) FILTER (WHERE version = 2) AS v2
    FROM ws.targets WHERE unit_type = 'company' AND year(period) = ${year}`);
  const change = await versions.locator(`tr[data-year="${year}"][data-version="2"] [data-col="change"]`).getAttribute('data-value');
  expect(Number(change)).toBeCloseTo(Number(v2) - Number(v1), 2);

  // the status table exports as CSV and XLSX with the raw numbers
  const north = actuals.find((a) => a.team === '北方团队')!;
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv-targets-status-ytd').click();
  const csvFile = test.info().outputPath('status.csv');
  await (await csvDownload).saveAs(csvFile);
  const csv = await readFile(csvFile, 'utf8');
  expect(csv).toContain('北方团队');
  expect(csv).toContain(String(Number(north.actual)).slice(0, 8));
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('export-xlsx-targets-status-ytd').click();
  const xlsxFile = test.info().outputPath('status.xlsx');
  await (await xlsxDownload).saveAs(xlsxFile);
  const [sheet] = await readXlsxFile(await readFile(xlsxFile));
  const header = sheet.data[0];
  const northRow = sheet.data.find((r) => r[0] === 'team' && r[1] === '北方团队')!;
  expect(Number(northRow[header.indexOf('actual')])).toBeCloseTo(Number(north.actual), 2);
  expect(typeof northRow[header.indexOf('actual')]).toBe('number');
});

test('month to date, territory credit and the original plan come from the URL options', async ({ page }) => {
  const last = await asOfDate();
  const year = last.slice(0, 4);
  const month = last.slice(0, 8) + '01';
  await openApp(page, '#/targets?o.level=rep&o.kind=mtd&o.credit=territory&o.plan=original&o.sort=attainment');
  await ready(page);
  // Territory: a rep is credited with every sale in the regions assigned to them.
  const refs = await sampleQuery<{ rep: string; actual: number }>(`
    SELECT rr.rep, sum(s.amount) FILTER (WHERE s.date BETWEEN DATE '${month}' AND DATE '${last}') AS actual
    FROM ws.rep_regions rr JOIN ws.sales s ON s.region = rr.region GROUP BY rr.rep`);
  // The projection is #/forecast's: each rep's credited complete months forecast, the as-of month's days still ahead.
  const day = Number(last.slice(8, 10));
  const monthDays = new Date(Date.UTC(Number(year), Number(last.slice(5, 7)), 0)).getUTCDate();
  const monthly = await sampleQuery<{ rep: string; amounts: number[] }>(`
    SELECT rep, list(amount ORDER BY month) AS amounts FROM (
      SELECT rr.rep, date_trunc('month', s.date) AS month, sum(s.amount) AS amount
      FROM ws.rep_regions rr JOIN ws.sales s ON s.region = rr.region
      WHERE s.date <= DATE '${last}' AND (s.date < DATE '${month}' OR ${day === monthDays}) GROUP BY ALL) GROUP BY rep`);
  const targets = await sampleQuery<{ unit: string; target: number }>(
    `SELECT unit, amount AS target FROM ws.targets WHERE unit_type = 'rep' AND period = DATE '${month}' AND version = 1`,
  );
  expect(refs.length).toBeGreaterThan(10);
  for (const r of refs) {
    expect(await cell(page, 'rep', r.rep, 'actual')).toBeCloseTo(Number(r.actual), 2);
    const y = monthly.find((m) => m.rep === r.rep)!.amounts.map(Number);
    const rest = day === monthDays ? 0 : (1 - day / monthDays) * forecastSeries(y, { horizon: 1 }).points[0].mean;
    expect(await cell(page, 'rep', r.rep, 'projection')).toBeCloseTo(Number(r.actual) + rest, 2);
    const t = targets.find((x) => x.unit === r.rep)!;
    expect(await cell(page, 'rep', r.rep, 'target')).toBeCloseTo(Number(t.target), 2);
  }
  // leaderboard: attainment descending
  const values = await page.locator('[data-testid="status-table"] tr[data-level="rep"] [data-col="attainment"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  await expect(page.getByTestId('targets-credit')).toHaveValue('territory');
  // the sample's targets were set for own-rep credit: the app says so and offers to switch
  const warning = page.getByTestId('credit-warning');
  await expect(warning).toBeVisible();
  await warning.getByRole('button').click();
  await expect(page.getByTestId('targets-credit')).toHaveValue('own');
  await ready(page);
  await expect(warning).toHaveCount(0);
  // own-rep credit is the default: the link carries no credit option (the options codec writes no default)
  expect(page.url()).not.toContain('o.credit=');
  expect(page.url()).toContain('o.plan=original');
  await expect(page.getByTestId('targets-plan')).toHaveValue('original');
});

test('build a plan for the year and revise it: new versions, kept months and the annual amount', async ({ page }) => {
  const last = await asOfDate();
  const year = Number(last.slice(0, 4));
  await openApp(page, '#/targets?o.level=company&o.kind=ytd');
  await ready(page);
  const [{ base }] = await sampleQuery<{ base: number }>(`SELECT sum(amount) AS base FROM ws.sales WHERE year(date) = ${year - 1}`);
  const builder = page.getByTestId('plan-builder');
  await builder.getByTestId('plan-growth').fill('20');
  await builder.getByTestId('plan-reason').fill('e2e plan');
  await builder.getByTestId('plan-save').click();
  await expect(builder.getByTestId('plan-message')).toContainText('version 3');
  await ready(page);
  const company = (await page.locator('[data-testid="status-table"] tr[data-level="company"]').first().getAttribute('data-unit'))!;
  expect(await cell(page, 'company', company, 'target')).toBeCloseTo(Math.round(Number(base) * 1.2 * 100) / 100, 2);
  const planned = await page.locator(`[data-testid="status-table"] tr[data-level="company"] [data-col="expected"]`).first().getAttribute('data-value');

  // the plan exports as a long CSV: one row per month and unit (company + 3 teams + 18 reps)
  const download = page.waitForEvent('download');
  await builder.getByTestId('plan-export').click();
  const csv = (await readFile(await (await download).path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('period,unit_type,unit,amount');
  expect(lines).toHaveLength(1 + 12 * 22);
  const companyTotal = lines.slice(1).map((l) => l.split(',')).filter((c) => c[1] === 'company').reduce((a, c) => a + Number(c[3]), 0);
  expect(companyTotal).toBeCloseTo(Math.round(Number(base) * 1.2 * 100) / 100, 2);

  // Revise: growth cut to 15 % from December; January–November keep their targets.
  await builder.getByTestId('plan-mode-revise').check();
  await builder.getByTestId('plan-growth').fill('15');
  await builder.getByTestId('plan-effective').selectOption(`${year}-12-01`);
  await builder.getByTestId('plan-reason').fill('growth cut to 15 %');
  await builder.getByTestId('plan-save').click();
  await expect(builder.getByTestId('plan-message')).toContainText('version 4');
  await ready(page);
  expect(await cell(page, 'company', company, 'target')).toBeCloseTo(Math.round(Number(base) * 1.15 * 100) / 100, 2);
  // expected to date covers Jan–Nov only, which the revision kept
  expect(await cell(page, 'company', company, 'expected')).toBeCloseTo(Number(planned), 2);
  const versions = page.getByTestId('plan-versions');
  await expect(versions.locator('tbody tr')).toHaveCount(7);
  await expect(versions.locator(`tr[data-year="${year}"][data-version="4"]`)).toContainText('growth cut to 15 %');
  await expect(versions.locator(`tr[data-year="${year}"][data-version="4"]`)).toContainText(`${year}-12-01`);
  // the SQL contract: targets = the plan in force (version 4)
  await page.evaluate(() => (location.hash = '#/sql'));
  await writeSql(page, `SELECT sum(amount) AS s FROM targets WHERE unit_type = 'rep' AND year(period) = ${year}`);
  await page.getByTestId('sql-run').click();
  const result = page.locator('table[data-testid="sql-result"] tbody td').first();
  await expect(result).toBeVisible();
  expect(Number(await result.getAttribute('data-value'))).toBeCloseTo(Math.round(Number(base) * 1.15 * 100) / 100, 2);

  // The plan is kept in this browser (background work after the recompute): after a reload the versions and the plan in force are back.
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-plan-kept', 'true');
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => (location.hash = '#/targets?o.level=company&o.kind=ytd'));
  await ready(page);
  await expect(page.getByTestId('plan-versions').locator('tbody tr')).toHaveCount(7);
  await expect(page.getByTestId('plan-versions').locator(`tr[data-year="${year}"][data-version="4"]`)).toContainText('growth cut to 15 %');
  expect(await cell(page, 'company', company, 'target')).toBeCloseTo(Math.round(Number(base) * 1.15 * 100) / 100, 2);
});

test('a dropped file without a plan: build one by amount, evenly, cascaded to the file’s teams', async ({ page }) => {
  await openApp(page, '#/overview');
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await page.evaluate(() => (location.hash = '#/targets'));
  await ready(page);
  await expect(page.getByTestId('plan-versions')).toBeVisible();
  const builder = page.getByTestId('plan-builder');
  await builder.getByTestId('plan-annual-kind').selectOption('amount');
  await builder.getByTestId('plan-amount').fill('120000');
  await builder.getByTestId('plan-phasing').selectOption('even');
  await builder.getByTestId('plan-save').click();
  await expect(builder.getByTestId('plan-message')).toContainText('version 1');
  await ready(page);
  await page.getByTestId('targets-level').selectOption('company');
  await ready(page);
  const company = page.locator('[data-testid="status-table"] tr[data-level="company"]').first();
  await expect(company.locator('[data-col="target"]')).toHaveAttribute('data-value', '120000');
  // the file's teams got the plan cascaded; each team with its reps beneath
  await page.getByTestId('targets-level').selectOption('team');
  await ready(page);
  const teams = page.locator('[data-testid="status-table"] tr[data-level="team"]');
  expect(await teams.count()).toBeGreaterThan(0);
  const targets = await teams.locator('[data-col="target"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(targets.reduce((a, b) => a + b, 0)).toBeCloseTo(120000, 2);
  await expect(page.getByTestId('plan-versions').locator('tbody tr')).toHaveCount(1);

  // a second version with custom team weights: the first team gets nothing, the rest share evenly
  await builder.getByTestId('plan-cascade').selectOption('custom');
  const weights = builder.getByTestId('plan-team-weights');
  const lines = (await weights.inputValue()).split('\n');
  expect(lines.length).toBe(await teams.count());
  await weights.fill(lines.map((l, i) => l.replace(/=.*/, i === 0 ? '= 0' : '= 1')).join('\n'));
  await builder.getByTestId('plan-save').click();
  await expect(builder.getByTestId('plan-message')).toContainText('version 2');
  await ready(page);
  const first = lines[0].split('=')[0].trim();
  await expect(page.locator(`[data-testid="status-table"] tr[data-level="team"][data-unit="${first}"] [data-col="target"]`)).toHaveAttribute('data-value', '0');
  const after = await teams.locator('[data-col="target"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(after.reduce((a, b) => a + b, 0)).toBeCloseTo(120000, 2);
});

test('long-term market share: the implied revenue path beside the annual target', async ({ page }) => {
  await openApp(page, '#/targets?o.share=16&o.shareyears=2');
  await ready(page);
  const card = page.getByTestId('market-share');
  const [ref] = await sampleQuery<{ market: number; sales: number; first: number }>(`
    WITH m AS (SELECT period, sum(amount) AS market FROM ws.market_size GROUP BY period)
    SELECT sum(market) FILTER (WHERE year(period) = 2025) AS market,
      (SELECT sum(amount) FROM ws.sales WHERE year(date) = 2025) AS sales,
      sum(market) FILTER (WHERE year(period) = 2023) AS first FROM m`);
  const base = card.locator('tr[data-year="2025"]');
  await expect(base.locator('[data-col="share"]')).toHaveAttribute('data-value', /\d/);
  expect(Number(await base.locator('[data-col="share"]').getAttribute('data-value'))).toBeCloseTo(Number(ref.sales) / Number(ref.market), 9);
  const growth = Math.sqrt(Number(ref.market) / Number(ref.first)) - 1;
  const share2026 = Number(ref.sales) / Number(ref.market) + (0.16 - Number(ref.sales) / Number(ref.market)) / 2;
  const implied = share2026 * Number(ref.market) * (1 + growth);
  const y2026 = card.locator('tr[data-year="2026"]');
  expect(Number(await y2026.locator('[data-col="revenue"]').getAttribute('data-value'))).toBeCloseTo(implied, 2);
  const [{ target }] = await sampleQuery<{ target: number }>(
    `SELECT sum(amount) AS target FROM ws.targets WHERE unit_type = 'company' AND year(period) = 2026 AND version = 2`,
  );
  expect(Number(await y2026.locator('[data-col="gap"]').getAttribute('data-value'))).toBeCloseTo(implied - Number(target), 2);
  await expect(card.locator('tbody tr')).toHaveCount(3);
});

test('edit the plan cell by cell: re-balance keeps the company month, flag lists the team’s gap, save makes a version', async ({ page }) => {
  const last = await asOfDate();
  const year = Number(last.slice(0, 4));
  await openApp(page, '#/targets?o.level=team&o.kind=ytd');
  await ready(page);
  const editor = page.getByTestId('plan-editor');
  await editor.locator('summary').click();
  await page.getByTestId('plan-edit-level').selectOption('team');
  const month = `${year}-03-01`;
  const teamInputs = editor.locator(`tbody tr input[data-month="${month}"]`);
  const before = (await teamInputs.evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)))) as number[];
  expect(before.length).toBeGreaterThan(1);
  const total = before.reduce((a, b) => a + b, 0);
  const edited = Math.round(before[0] * 0.9 * 100) / 100;

  // Re-balance: the other teams absorb the difference in proportion; the month's total stays.
  await teamInputs.first().fill(String(edited));
  await teamInputs.first().dispatchEvent('change');
  await expect.poll(async () => Number(await teamInputs.first().inputValue())).toBe(edited);
  const after = (await teamInputs.evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)))) as number[];
  expect(after.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 2);
  const factor = (total - edited) / (total - before[0]);
  after.slice(1).forEach((v, i) => expect(Math.abs(v - before[i + 1] * factor)).toBeLessThanOrEqual(0.01));
  await expect(page.getByTestId('allocation-gaps')).toHaveCount(0);

  // Flag: one rep +100 in March; the rep's team is 100 over-allocated that month.
  await page.getByTestId('plan-edit-flag').check();
  await page.getByTestId('plan-edit-level').selectOption('rep');
  const rep = editor.locator('tbody tr').first();
  const repName = (await rep.getAttribute('data-unit'))!;
  const repInput = rep.locator(`input[data-month="${month}"]`);
  const repBefore = Number(await repInput.inputValue());
  await repInput.fill(String(Math.round((repBefore + 100) * 100) / 100));
  await repInput.dispatchEvent('change');
  const gaps = page.getByTestId('allocation-gaps').locator('li');
  await expect(gaps).toHaveCount(1);
  expect(Number(await gaps.first().getAttribute('data-gap'))).toBeCloseTo(-100, 2);
  expect(await gaps.first().getAttribute('data-month')).toBe(month);

  // Saved as a new version; the rep's March target is the edited one.
  const versions = page.getByTestId('plan-versions').locator('tbody tr');
  const count = await versions.count();
  await page.getByTestId('plan-edit-reason').fill('e2e cell edits');
  await page.getByTestId('plan-edit-save').click();
  await expect(page.getByTestId('plan-edit-message')).toBeVisible();
  await expect(versions).toHaveCount(count + 1);
  await page.evaluate(() => (location.hash = '#/sql'));
  await writeSql(page, `SELECT amount FROM targets WHERE unit_type = 'rep' AND unit = '${repName}' AND period = DATE '${month}'`);
  await page.getByTestId('sql-run').click();
  // On failure, the state (error, running, done with no rows) and any message say why.
  await expect(page.locator('.results')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sql-error')).toHaveCount(0);
  const result = page.locator('table[data-testid="sql-result"] tbody td').first();
  await expect(result).toBeVisible();
  expect(Number(await result.getAttribute('data-value'))).toBeCloseTo(repBefore + 100, 2);
});

test('the filter bar on #/targets: a team filter picks that team (members beneath), a region filter is named as not applying', async ({ page }) => {
  await openApp(page, '#/targets?o.level=team&o.kind=ytd&f.team=%E5%8C%97%E6%96%B9%E5%9B%A2%E9%98%9F&f.region=%E5%8D%8E%E4%B8%9C');
  await ready(page);
  const teams = page.locator('[data-testid="status-table"] tr[data-level="team"]');
  await expect(teams).toHaveCount(1);
  await expect(teams.first()).toHaveAttribute('data-unit', '北方团队');
  const [{ reps }] = await sampleQuery<{ reps: number }>("SELECT count(*) AS reps FROM ws.org WHERE team = '北方团队'");
  await expect(page.locator('[data-testid="status-table"] tr[data-level="rep"]')).toHaveCount(Number(reps));
  await expect(page.getByTestId('targets-filters-ignored')).toContainText('Region');
  // The team's numbers are its own whatever the region filter says.
  await page.evaluate(() => (location.hash = '#/targets?o.level=team&o.kind=ytd'));
  await ready(page);
  await expect(page.locator('[data-testid="status-table"] tr[data-level="team"]')).toHaveCount(3);
  await expect(page.getByTestId('targets-filters-ignored')).toHaveCount(0);
});

test('#/targets measures the filter bar’s period: a custom whole year is that year to its end; the page’s switch is the bar’s period', async ({ page }) => {
  const last = await asOfDate();
  const year = Number(last.slice(0, 4)) - 1;
  await openApp(page, `#/targets?o.level=company&period=custom&from=${year}-01-01&to=${year}-12-31`);
  await ready(page);
  const [{ actual }] = await sampleQuery<{ actual: number }>(`SELECT sum(amount) AS actual FROM ws.sales WHERE year(date) = ${year}`);
  const [{ target }] = await sampleQuery<{ target: number }>(
    `SELECT sum(amount) AS target FROM ws.targets WHERE unit_type = 'company' AND year(period) = ${year}
       AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})`,
  );
  const company = page.locator('[data-testid="status-table"] tr[data-level="company"]').first();
  expect(Number(await company.locator('[data-col="actual"]').getAttribute('data-value'))).toBeCloseTo(Number(actual), 2);
  // The whole year has elapsed: target to date is the year's target, attainment its share.
  expect(Number(await company.locator('[data-col="expected"]').getAttribute('data-value'))).toBeCloseTo(Number(target), 2);
  expect(Number(await company.locator('[data-col="attainment"]').getAttribute('data-value'))).toBeCloseTo(Number(actual) / Number(target), 9);
  await expect(page.getByTestId('targets-period-note')).toHaveCount(0);
  // The page's MTD switch changes the bar's period: one state.
  await page.getByTestId('targets-kind').getByRole('button', { name: /^(Month to date|本月至今)$/ }).click();
  await expect(page.getByTestId('period-select')).toHaveValue('mtd');
  await ready(page);
  // A custom period that is no month, quarter or year is measured as the fiscal year to date, and said so.
  await page.evaluate((y) => (location.hash = `#/targets?o.level=company&period=custom&from=${y}-02-10&to=${y}-05-20`), year);
  await expect(page.getByTestId('targets-period-note')).toContainText(`${year}-05-20`);
});
