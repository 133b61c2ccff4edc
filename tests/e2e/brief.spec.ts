/**
 * #/brief on the sample: the verdict is the overview's attainment and #/forecast's projection, against
 * native DuckDB sums; the units behind are #/targets' largest positive gaps at the same level; each
 * change is the member's revenue this period minus the comparison period's (native DuckDB); at
 * 375×667 the verdict is on the first screen.
 */
import { test, expect, openApp, kpi } from './fixtures';
import { sampleQuery } from './sample-reference';

const num = async (loc: import('@playwright/test').Locator, attr: string) => Number(await loc.getAttribute(attr));

test('the verdict, the units behind and what changed are the numbers of the pages they link to', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, '#/brief?period=ytd');
  const brief = page.getByTestId('brief');
  await expect(brief).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.locator('nav ul a').first()).toHaveAttribute('href', '#/brief');
  const verdict = page.locator('[data-brief="verdict"]');
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const year = last.slice(0, 4);
  const [{ ytd }] = await sampleQuery<{ ytd: number }>(`SELECT sum(amount) AS ytd FROM ws.sales WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}'`);
  const [{ target }] = await sampleQuery<{ target: number }>(
    `SELECT sum(amount) AS target FROM ws.targets WHERE unit_type = 'company' AND year(period) = ${year}
       AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})`,
  );
  expect(await num(verdict, 'data-actual')).toBeCloseTo(Number(ytd), 2);
  expect(await num(verdict, 'data-target')).toBeCloseTo(Number(target), 2);
  const attainment = await num(verdict, 'data-attainment');
  const projection = await num(verdict, 'data-projection');
  const probability = await num(verdict, 'data-probability');
  expect(await num(verdict, 'data-projected-attainment')).toBeCloseTo(projection / Number(target), 9);
  // Its links: attainment to #/targets, projection to #/forecast.
  await expect(verdict.locator('a[data-slot="attainment"]')).toHaveAttribute('href', /^#\/targets/);
  await expect(verdict.locator('a[data-slot="projection"]')).toHaveAttribute('href', /^#\/forecast/);
  const behind = page.locator('[data-brief="behind"] [data-unit]');
  const level = await page.locator('[data-brief="behind"]').getAttribute('data-level');
  const shown = await behind.evaluateAll((els) => els.map((e) => ({ unit: e.getAttribute('data-unit')!, gap: Number(e.getAttribute('data-gap')), attainment: Number(e.getAttribute('data-attainment')) })));
  const changes = page.locator('[data-brief="changes"] [data-member]');
  const dimension = (await page.locator('[data-brief="changes"]').getAttribute('data-dimension'))!;
  const items = await changes.evaluateAll((els) => els.map((e) => ({ member: e.getAttribute('data-member')!, contribution: Number(e.getAttribute('data-contribution')) })));

  // The overview's attainment card and #/forecast's year-end projection: the same numbers.
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  expect(await kpi(page, 'attainment')).toBeCloseTo(attainment, 9);
  await page.evaluate(() => (location.hash = '#/forecast?period=ytd'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  expect(await num(page.locator('[data-kpi="projection"]'), 'data-value')).toBeCloseTo(projection, 2);
  expect(await num(page.locator('[data-kpi="probability"]'), 'data-value')).toBeCloseTo(probability, 6);

  // Behind: #/targets' status table at that level, the largest positive gaps first, at most 5.
  expect(level).toBe('team');
  await page.evaluate((l) => (location.hash = `#/targets?period=ytd&o.level=${l}`), level);
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const rows = await page.locator(`[data-testid="status-table"] tr[data-level="${level}"]`).evaluateAll((trs) =>
    trs.map((tr) => ({
      unit: tr.getAttribute('data-unit')!,
      gap: Number(tr.querySelector('[data-col="gap"]')!.getAttribute('data-value')),
      attainment: Number(tr.querySelector('[data-col="attainment"]')!.getAttribute('data-value')),
    })),
  );
  const expected = rows.filter((r) => r.gap > 0).sort((a, b) => b.gap - a.gap).slice(0, 5);
  expect(shown.map((s) => s.unit)).toEqual(expected.map((r) => r.unit));
  shown.forEach((s, i) => {
    expect(s.gap).toBeCloseTo(expected[i].gap, 2);
    expect(s.attainment).toBeCloseTo(expected[i].attainment, 9);
  });

  // What changed: this year to date against the same days last year, per member (native DuckDB).
  expect(items.length).toBeGreaterThan(0);
  const prev = `${Number(year) - 1}`;
  const ref = await sampleQuery<{ member: string; change: number }>(`
    SELECT "${dimension}" AS member,
      coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}'), 0)
      - coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${prev}-01-01' AND DATE '${prev}${last.slice(4)}'), 0) AS change
    FROM ws.sales GROUP BY 1`);
  for (const item of items) expect(item.contribution, item.member).toBeCloseTo(Number(ref.find((r) => r.member === item.member)!.change), 2);
  const ups = ref.filter((r) => Number(r.change) > 0).sort((a, b) => Number(b.change) - Number(a.change)).slice(0, 3).map((r) => r.member);
  const downs = ref.filter((r) => Number(r.change) < 0).sort((a, b) => Number(a.change) - Number(b.change)).slice(0, 3).map((r) => r.member);
  expect(items.map((i) => i.member)).toEqual([...ups, ...downs]);
});

test('filtered to one team: the verdict is the team’s (the overview’s card under that filter), the reps behind are its own; a region filter has no verdict', async ({ page }) => {
  test.setTimeout(120_000);
  const team = '南方团队';
  await openApp(page, `#/brief?period=ytd&f.team=${encodeURIComponent(team)}`);
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const verdict = page.locator('[data-brief="verdict"]');
  await expect(verdict.locator(`[data-focus="${team}"]`)).toBeVisible();
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const year = last.slice(0, 4);
  const [{ ytd }] = await sampleQuery<{ ytd: number }>(`SELECT sum(amount) AS ytd FROM ws.sales WHERE team = '${team}' AND date BETWEEN DATE '${year}-01-01' AND DATE '${last}'`);
  const [{ target }] = await sampleQuery<{ target: number }>(
    `SELECT sum(amount) AS target FROM ws.targets WHERE unit_type = 'team' AND unit = '${team}' AND year(period) = ${year}
       AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})`,
  );
  expect(await num(verdict, 'data-actual')).toBeCloseTo(Number(ytd), 2);
  expect(await num(verdict, 'data-target')).toBeCloseTo(Number(target), 2);
  const attainment = await num(verdict, 'data-attainment');
  await expect(page.locator('[data-brief="behind"]')).toHaveAttribute('data-level', 'rep');
  const shown = await page.locator('[data-brief="behind"] [data-unit]').evaluateAll((els) => els.map((e) => ({ unit: e.getAttribute('data-unit')!, gap: Number(e.getAttribute('data-gap')) })));
  const members = (await sampleQuery<{ rep: string }>(`SELECT rep FROM ws.org WHERE team = '${team}'`)).map((r) => r.rep);

  await page.evaluate((t) => (location.hash = `#/overview?period=ytd&f.team=${encodeURIComponent(t)}`), team);
  expect(await kpi(page, 'attainment')).toBeCloseTo(attainment, 9);
  // The team's reps with a positive gap in #/targets' status table, largest first.
  await page.evaluate(() => (location.hash = '#/targets?period=ytd&o.level=rep'));
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const rows = await page.locator('[data-testid="status-table"] tr[data-level="rep"]').evaluateAll((trs) =>
    trs.map((tr) => ({ unit: tr.getAttribute('data-unit')!, gap: Number(tr.querySelector('[data-col="gap"]')!.getAttribute('data-value')) })),
  );
  const expected = rows.filter((r) => members.includes(r.unit) && r.gap > 0).sort((a, b) => b.gap - a.gap).slice(0, 5);
  expect(expected.length).toBeGreaterThan(0);
  expect(shown.map((r) => r.unit)).toEqual(expected.map((r) => r.unit));
  shown.forEach((r, i) => expect(r.gap).toBeCloseTo(expected[i].gap, 2));

  // The plan has no region level: a region filter gives no verdict, and says why.
  await page.evaluate(() => (location.hash = `#/brief?period=ytd&f.region=${encodeURIComponent('华东')}`));
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(verdict).toHaveAttribute('data-attainment', '');
  await expect(page.locator('[data-brief="behind"]')).toHaveCount(0);
  await expect(page.locator('[data-brief="changes"]')).toBeVisible();
});

test('at 375×667 in zh-CN the verdict is on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.addInitScript(() => localStorage.setItem('targetscope.locale', 'zh-CN'));
  await openApp(page, '#/brief');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const box = (await page.locator('[data-brief="verdict"]').boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(667);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('the brief as a snapshot link: under 8 KB, opens read-only in a fresh browser with the same numbers and sentences', async ({ page, browser }) => {
  await openApp(page, '#/brief?period=ytd');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const verdict = page.locator('[data-brief="verdict"]');
  const attainment = await verdict.getAttribute('data-attainment');
  const projection = await verdict.getAttribute('data-projection');
  const sentence = (await verdict.innerText()).trim();
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.length).toBeLessThan(8 * 1024);
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('snapshot')).toBeVisible();
  await expect(fresh.locator('[data-testid="snapshot"] [data-kpi="attainment"]')).toHaveAttribute('data-value', attainment!);
  await expect(fresh.locator('[data-testid="snapshot"] [data-kpi="projection"]')).toHaveAttribute('data-value', projection!);
  await expect(fresh.getByTestId('snapshot')).toContainText(sentence);
});

test('market: the competitor events inside the period and the SWOT notes marked for leadership, as data/market.json has them', async ({ page }) => {
  const { readFile } = await import('node:fs/promises');
  const data = JSON.parse(await readFile('data/market.json', 'utf8')) as { events: { date: string; end: string | null; title: string }[]; swot: { title: string; leadership?: boolean }[] };
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const start = `${Number(last.slice(0, 4)) - 1}-01-01`;
  await openApp(page, `#/brief?period=custom&from=${start}&to=${last}`);
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const inPeriod = data.events.filter((e) => e.date <= last && (e.end ?? e.date) >= start).map((e) => e.title);
  expect(inPeriod.length).toBeGreaterThan(1);
  const shown = await page.locator('[data-brief="market"] [data-event]').allInnerTexts();
  expect(shown.length).toBe(inPeriod.length);
  inPeriod.forEach((title, i) => expect(shown[i]).toContain(title));
  const notes = await page.locator('[data-brief="notes"] [data-note]').allInnerTexts();
  const marked = data.swot.filter((s) => s.leadership === true);
  expect(marked.length).toBeGreaterThan(0);
  expect(notes.map((n) => n.split(': ').slice(1).join(': '))).toEqual(marked.map((s) => s.title));
  await expect(page.locator('[data-brief="notes"]')).toHaveAttribute('data-marked', 'true');
});

test('the long-term share line: the base share from native DuckDB, the next year as #/targets’ share table shows it', async ({ page }) => {
  await openApp(page, '#/brief?period=ytd');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const line = page.locator('[data-brief="share"]');
  // The base: the latest year with a market estimate for all 12 months; our sales over those months / the market.
  const [base] = await sampleQuery<{ y: number; share: number }>(`WITH m AS (SELECT year(period) AS y, count(DISTINCT period) AS months, sum(amount) AS market FROM ws.market_size GROUP BY 1),
    s AS (SELECT year(date) AS y, sum(amount) AS sales FROM ws.sales WHERE date_trunc('month', date) IN (SELECT period FROM ws.market_size) GROUP BY 1)
    SELECT m.y::INTEGER AS y, s.sales / m.market AS share FROM m JOIN s USING (y) WHERE months = 12 ORDER BY y DESC LIMIT 1`);
  expect(Number(await line.getAttribute('data-base-share'))).toBeCloseTo(Number(base.share), 9);
  const year = await line.getAttribute('data-year');
  expect(Number(year)).toBe(Number(base.y) + 1);
  const revenue = Number(await line.getAttribute('data-revenue'));
  const annual = Number(await line.getAttribute('data-annual'));
  // Its link opens #/targets with the same share target: that year's row has the same revenue and plan target.
  await line.locator('a[data-slot="revenue"]').click();
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const row = page.locator(`[data-testid="market-share"] tr[data-year="${year}"]`);
  expect(Number(await row.locator('[data-col="revenue"]').getAttribute('data-value'))).toBeCloseTo(revenue, 2);
  expect(Number(await row.locator('[data-col="annual"]').getAttribute('data-value'))).toBeCloseTo(annual, 2);
});

test('products and customers: the A class, the falling product with the largest drop, the top-10 share and churn (native DuckDB and #/customers)', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, '#/brief?period=ytd');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const products = page.locator('[data-brief="products"]');
  const customers = page.locator('[data-brief="customers"]');
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const start = `${last.slice(0, 4)}-01-01`;
  // A class: the fewest products, by revenue, whose cumulative share reaches 80 % of the year's revenue.
  const [abc] = await sampleQuery<{ n: number; total: number }>(`
    WITH p AS (SELECT product, sum(amount) AS r FROM ws.sales WHERE date BETWEEN DATE '${start}' AND DATE '${last}' GROUP BY 1),
    c AS (SELECT r, sum(r) OVER (ORDER BY r DESC, product ROWS UNBOUNDED PRECEDING) / sum(r) OVER () AS share FROM p)
    SELECT (SELECT count(*) FROM c WHERE share < 0.8 - 1e-9) + 1 AS n, (SELECT count(*) FROM p) AS total`);
  expect(Number(await products.getAttribute('data-a-count'))).toBe(Number(abc.n));
  expect(Number(await products.getAttribute('data-a-total'))).toBe(Number(abc.total));
  // The slow mover: recent 90 days against the 90 before, falling, the largest drop (sold in the last 365 days).
  const [slow] = await sampleQuery<{ product: string }>(`
    SELECT product FROM (
      SELECT product,
        coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${last}' - INTERVAL 89 DAY AND DATE '${last}'), 0) AS recent,
        coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${last}' - INTERVAL 179 DAY AND DATE '${last}' - INTERVAL 90 DAY), 0) AS prior,
        bool_or(date BETWEEN DATE '${last}' - INTERVAL 364 DAY AND DATE '${last}' AND amount > 0) AS sold
      FROM ws.sales WHERE date <= DATE '${last}' GROUP BY 1)
    WHERE sold AND recent < prior ORDER BY prior - recent DESC, product LIMIT 1`);
  await expect(products).toHaveAttribute('data-slow-product', slow.product);
  // Top 10 customers' share of the year's revenue.
  const [top] = await sampleQuery<{ share: number }>(`
    WITH c AS (SELECT customer, sum(amount) AS r FROM ws.sales WHERE date BETWEEN DATE '${start}' AND DATE '${last}' AND customer IS NOT NULL GROUP BY 1)
    SELECT (SELECT sum(r) FROM (SELECT r FROM c ORDER BY r DESC LIMIT 10)) / sum(r) AS share FROM c`);
  expect(Number(await customers.getAttribute('data-top10-share'))).toBeCloseTo(Number(top.share), 9);
  const churned = Number(await customers.getAttribute('data-churned'));
  const risk = Number(await customers.getAttribute('data-revenue-at-risk'));
  await page.evaluate(() => (location.hash = '#/customers?period=ytd'));
  await expect(page.getByTestId('customers')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  expect(Number(await page.locator('[data-kpi="churned"]').getAttribute('data-value'))).toBe(churned);
  expect(Number(await page.locator('[data-kpi="revenue-at-risk"]').getAttribute('data-value'))).toBeCloseTo(risk, 2);
  expect(Number(await page.locator('[data-kpi="top10-share"]').getAttribute('data-value'))).toBeCloseTo(Number(top.share), 9);
});

test('what changed in the quarter of the rival’s 华南 earbuds promotion: 华南 · 耳机 is among the largest falls (native DuckDB)', async ({ page }) => {
  const { readFile } = await import('node:fs/promises');
  const data = JSON.parse(await readFile('data/market.json', 'utf8')) as { events: { kind: string; date: string; end: string | null; region: string | null; category: string | null }[] };
  const promotion = data.events.find((e) => e.kind === 'promotion' && e.region && e.category)!;
  const [from, to] = [promotion.date, promotion.end!];
  const lastYear = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  await openApp(page, `#/brief?period=custom&from=${from}&to=${to}`);
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const cells = await page.locator('[data-brief="cells"] [data-region]').evaluateAll((els) =>
    els.map((e) => ({ region: e.getAttribute('data-region')!, category: e.getAttribute('data-category')!, change: Number(e.getAttribute('data-contribution')) })),
  );
  const ref = await sampleQuery<{ region: string; category: string; change: number }>(`
    SELECT region, category,
      coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${from}' AND DATE '${to}'), 0)
      - coalesce(sum(amount) FILTER (WHERE date BETWEEN DATE '${lastYear(from)}' AND DATE '${lastYear(to)}'), 0) AS change
    FROM ws.sales WHERE region IS NOT NULL AND category IS NOT NULL GROUP BY 1, 2 HAVING change < 0 ORDER BY change LIMIT 3`);
  expect(cells.map((c) => `${c.region}·${c.category}`)).toEqual(ref.map((r) => `${r.region}·${r.category}`));
  cells.forEach((c, i) => expect(c.change).toBeCloseTo(Number(ref[i].change), 2));
  expect(cells.map((c) => `${c.region}·${c.category}`)).toContain(`${promotion.region}·${promotion.category}`);
});

test('the brief prints to one A4 page', async ({ page }) => {
  await openApp(page, '#/brief?period=ytd');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-header')).toContainText('Brief');
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  expect(Number(box![1])).toBeCloseTo(842, -1); // A4 landscape: 842 × 595 pt
  expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
});
