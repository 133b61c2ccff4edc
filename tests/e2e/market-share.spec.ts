import { test, expect, openApp, loadFile } from './fixtures';
import { readFileSync } from 'node:fs';
import { sampleQuery } from './sample-reference';
import type { Page } from '@playwright/test';

async function marketReady(page: Page) {
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
}

test('#/market: our share per region matches native DuckDB; competitors, events and SWOT from market.json', async ({ page }) => {
  await openApp(page, '#/market?period=custom&from=2025-01-01&to=2025-12-31');
  await marketReady(page);
  const [ref] = await sampleQuery<{ sales: string; market: string }>(`
    SELECT (SELECT sum(amount) FROM ws.sales WHERE region = '华南' AND date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31') AS sales,
           (SELECT sum(amount) FROM ws.market_size WHERE region = '华南' AND period BETWEEN DATE '2025-01-01' AND DATE '2025-12-01') AS market`);
  const row = page.locator('table[data-testid="market-share-table"] tr', { has: page.locator('td[data-col="region"][data-value="华南"]') });
  const share = Number(await row.locator('td[data-col="share"]').getAttribute('data-value'));
  expect(share).toBeCloseTo(Number(ref.sales) / Number(ref.market), 12);
  await expect(page.getByTestId('chart-market-share').locator('svg').first()).toBeVisible();
  // One month of the trend, independently: 华东 in 2025-07.
  const [month] = await sampleQuery<{ share: string }>(`
    SELECT (SELECT sum(amount) FROM ws.sales WHERE region = '华东' AND date BETWEEN DATE '2025-07-01' AND DATE '2025-07-31')
         / (SELECT amount FROM ws.market_size WHERE region = '华东' AND period = DATE '2025-07-01') AS share`);
  const chart = page.getByTestId('chart-market-share');
  await chart.locator('button[aria-pressed]').click();
  const julyEast = chart.locator('tbody tr', { has: page.locator('td[data-col="month"][data-value="2025-07-01"]') }).filter({ has: page.locator('td[data-col="region"][data-value="华东"]') });
  expect(Number(await julyEast.locator('td[data-col="share"]').getAttribute('data-value'))).toBeCloseTo(Number(month.share), 12);
  // Competitors' estimated share for 华南 comes from market.json (蓝鲸数码 0.2).
  const lanjing = row.locator('td[data-col="c:lanjing"]');
  await expect(lanjing).toHaveAttribute('data-value', '0.2');
  await expect(page.getByTestId('competitor')).toHaveCount(4);
  await expect(page.getByTestId('market-event')).toHaveCount(4);
  await expect(page.getByTestId('swot-card')).toHaveCount(12);
  // Markdown notes are rendered (bold), links would open safely.
  await expect(page.getByTestId('competitor').first().locator('.md strong')).toHaveText('市场领导者');
  // The SWOT scope is a view option in the URL.
  await page.getByTestId('swot-scope').selectOption('region:华东');
  await expect(page).toHaveURL(/o\.swot=region/);
  await expect(page.getByTestId('swot-card')).toHaveCount(1);
  await page.getByTestId('swot-scope').selectOption('company');
  await expect(page.getByTestId('swot-card')).toHaveCount(5);
  await page.getByTestId('swot-scope').selectOption('category:耳机');
  await expect(page.getByTestId('swot-card')).toHaveCount(1);
});

test('a dropped file has no market notes: the view says how to add them; an import is kept across a reload', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await page.evaluate(() => (location.hash = '#/market?period=all'));
  await marketReady(page);
  await expect(page.getByTestId('market-empty')).toBeVisible();
  await expect(page.getByTestId('market-no-size')).toBeVisible();
  await page.getByTestId('market-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"competitors": [{"name": "X", "priceLevel": "cheap"}]}') });
  await expect(page.getByTestId('market-import-error')).toContainText('priceLevel');
  await page.getByTestId('market-import').setInputFiles({ name: 'market.json', mimeType: 'application/json', buffer: readFileSync('data/market.json') });
  await expect(page.getByTestId('competitor')).toHaveCount(4);
  await expect(page.getByTestId('market-empty')).toHaveCount(0);
  // The saved file and the imported notes both come back after a reload.
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await marketReady(page);
  await expect(page.getByTestId('competitor')).toHaveCount(4);
  const download = page.waitForEvent('download');
  await page.getByTestId('market-export').click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(exported.swot).toHaveLength(12);
});

test('the overview trend is annotated with the competitor events that touch it', async ({ page }) => {
  await openApp(page, '#/overview?period=custom&from=2025-01-01&to=2025-12-31&f.region=%E5%8D%8E%E5%8D%97');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const chart = page.getByTestId('chart-trend');
  // 2025: the 华南 earbuds promotion (a band) and the nationwide watch launch (a rule).
  await expect(chart.locator('svg text', { hasText: '买一送一' })).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: '云雀智能发布长续航运动手表' })).toHaveCount(1);
  // The 2024 and 2026 events are outside the chart.
  await expect(chart.locator('svg text', { hasText: '极光电子发布新一代旗舰手机' })).toHaveCount(0);
  // Filtering on 华东 hides the 华南 promotion.
  await page.evaluate(() => (location.hash = '#/overview?period=custom&from=2025-01-01&to=2025-12-31&f.region=%E5%8D%8E%E4%B8%9C'));
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await expect(chart.locator('svg text', { hasText: '云雀智能发布长续航运动手表' })).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: '买一送一' })).toHaveCount(0);
});

test('the same events annotate the regions, products, channels, targets and forecast time charts, each where it applies', async ({ page }) => {
  const year = 'period=custom&from=2025-01-01&to=2025-12-31';
  await openApp(page, `#/regions?${year}`);
  await expect(page.getByTestId('regions')).toHaveAttribute('data-ready', 'true');
  const trends = page.getByTestId('chart-region-trends');
  // Small multiples by region: the 华南 promotion only in 华南's panel, the nationwide launch in every panel.
  const panels = await trends.locator('svg [data-mark="fy-axis tick label"] text').count();
  expect(panels).toBeGreaterThan(1);
  await expect(trends.locator('svg text', { hasText: '买一送一' })).toHaveCount(1);
  await expect(trends.locator('svg text', { hasText: '云雀智能发布长续航运动手表' })).toHaveCount(panels);

  await page.evaluate((y) => (location.hash = `#/channels?${y}`), year);
  await expect(page.getByTestId('channels')).toHaveAttribute('data-ready', 'true');
  const mix = page.getByTestId('chart-channel-mix');
  await expect(mix.locator('svg text', { hasText: '买一送一' })).toHaveCount(1);
  await expect(mix.locator('svg text', { hasText: '极光电子发布新一代旗舰手机' })).toHaveCount(0);

  // Products: small multiples by category; the earbuds promotion in the 耳机 panel only, each launch in its own category's panel.
  await page.evaluate((y) => (location.hash = `#/products?${y}`), year);
  await expect(page.getByTestId('products')).toHaveAttribute('data-ready', 'true');
  const categories = page.getByTestId('chart-category-trends');
  await expect(categories.locator('svg text', { hasText: '买一送一' })).toHaveCount(1);
  await expect(categories.locator('svg text', { hasText: '云雀智能发布长续航运动手表' })).toHaveCount(1);
  expect(await categories.locator('svg [data-mark="fy-axis tick label"] text').count()).toBeGreaterThan(2);

  // The targets pacing chart of the current fiscal year shows 2026's 华北 laptop price cut.
  await page.evaluate(() => (location.hash = '#/targets?period=ytd'));
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('chart-pacing').locator('svg text', { hasText: '北辰科技华北商务本降价约12%' })).toHaveCount(1);

  // The forecast of 华南 shows its promotion; 华东's does not.
  await page.evaluate(() => (location.hash = '#/forecast?period=all&o.level=region&o.unit=%E5%8D%8E%E5%8D%97'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true');
  const chart = page.getByTestId('chart-forecast');
  await expect(chart.locator('svg text', { hasText: '买一送一' })).toHaveCount(1);
  await page.evaluate(() => (location.hash = '#/forecast?period=all&o.level=region&o.unit=%E5%8D%8E%E4%B8%9C'));
  await expect(page.getByTestId('forecast')).toHaveAttribute('data-ready', 'true');
  await expect(chart.locator('svg text', { hasText: '云雀智能发布长续航运动手表' })).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: '买一送一' })).toHaveCount(0);
});

test('snapshot link: opens in a fresh browser with the same KPIs, without loading any workspace; a damaged link shows an error', async ({ page, browser }) => {
  await openApp(page, '#/overview?period=ytd&f.channel=%E7%BA%BF%E4%B8%8A%E5%95%86%E5%9F%8E');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const original = await page.locator('[data-testid="overview"] [data-kpi]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kpi'), e.getAttribute('data-value')]));
  expect(original.length).toBe(6);
  const tableValues = async (p: Page, chart: string) => {
    const card = p.getByTestId(`chart-${chart}`);
    await card.locator('button[aria-pressed="false"]').click();
    return card.locator('tbody td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  };
  const originalTables = [];
  for (const chart of ['trend', 'by-region', 'by-category']) originalTables.push(await tableValues(page, chart));
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#/snapshot/');
  expect(link.length).toBeLessThan(8 * 1024 + 200);

  const context = await browser.newContext();
  const fresh = await context.newPage();
  const requests: string[] = [];
  fresh.on('request', (r) => requests.push(r.url()));
  await fresh.goto(link);
  await expect(fresh.getByTestId('snapshot-banner')).toBeVisible();
  await expect(fresh.getByTestId('snapshot-banner')).toContainText('示例公司');
  const shown = await fresh.locator('[data-testid="snapshot"] [data-kpi]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kpi'), e.getAttribute('data-value')]));
  expect(shown).toEqual(original);
  await expect(fresh.getByTestId('chart-trend').locator('svg').first()).toBeVisible();
  // The charts' tables carry the same values, every column.
  const freshTables = [];
  for (const chart of ['trend', 'by-region', 'by-category']) freshTables.push(await tableValues(fresh, chart));
  expect(freshTables).toEqual(originalTables);
  // Only the app itself was fetched: no workspace, no DuckDB file, no engine.
  expect(requests.filter((u) => /workspace\.(json|duckdb)|duckdb.*\.wasm/.test(u))).toEqual([]);

  // A tampered link (one character changed in the payload) and a truncated one.
  const at = link.indexOf('#/snapshot/') + 40;
  const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  await fresh.goto('about:blank');
  await fresh.goto(tampered);
  await expect(fresh.getByTestId('snapshot-error')).toBeVisible();
  await expect(fresh.locator('[data-kpi]')).toHaveCount(0);
  await fresh.goto('about:blank');
  await fresh.goto(link.slice(0, link.length - 25));
  await expect(fresh.getByTestId('snapshot-error')).toBeVisible();
  await expect(fresh.getByTestId('snapshot-error')).toHaveAttribute('data-kind', 'corrupt');
  // Leaving the snapshot through the navigation opens the receiver's own workspace.
  await fresh.goto(link);
  await expect(fresh.getByTestId('snapshot-banner')).toBeVisible();
  await fresh.locator('nav a[href="#/market"]').click();
  await expect(fresh.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await marketReady(fresh);
  await context.close();
});

test('XSS: script and HTML payloads in market notes, names, SWOT and snapshot notes render as text; no script runs', async ({ page }) => {
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const market = {
    competitors: [
      { id: 'evil', name: `Evil ${payload}`, positioning: payload, priceLevel: 'value', share: { 华南: 0.1 }, strengths: [payload], weaknesses: [], notes: `${payload}\n\n[click](javascript:window.__xss=3) [ok](https://example.com)` },
    ],
    events: [
      { id: 'e1', date: '2026-03-01', end: '2026-04-30', competitor: `C ${payload}`, kind: 'promotion', region: null, category: null, title: `T ${payload}`, notes: payload },
    ],
    swot: [{ id: 's1', quadrant: 'threat', scope: { type: 'company' }, title: `S ${payload}`, text: `${payload} <a href="javascript:window.__xss=4">x</a>` }],
  };
  await openApp(page, '#/market?period=all');
  await marketReady(page);
  await page.getByTestId('market-import').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(market)) });
  await expect(page.getByTestId('competitor')).toHaveCount(1);
  await expect(page.getByTestId('competitor').locator('h3')).toContainText('<img src=x');
  await expect(page.getByTestId('swot-card')).toContainText('S <img src=x');
  const notes = page.getByTestId('competitor').locator('.md');
  await expect(notes.locator('script, img[onerror], a[href^="javascript"]')).toHaveCount(0);
  await expect(notes.locator('a[href="https://example.com"]')).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(notes.locator('a[href="https://example.com"]')).toHaveAttribute('target', '_blank');
  await page.waitForTimeout(300); // give an injected onerror handler time to fire
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The imported notes also reach the overview (event annotation) and its snapshot notes.
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('chart-trend').locator('svg text', { hasText: 'T <img' })).toHaveCount(1);
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.goto(link);
  await expect(page.getByTestId('snapshot-banner')).toBeVisible();
  await expect(page.getByTestId('snapshot').locator('.notes')).toContainText('T <img src=x');
  await page.waitForTimeout(300); // give an injected onerror handler time to fire
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('snapshot link of #/targets: the status table and the charts come back with the same values in a fresh browser', async ({ page, browser }) => {
  await openApp(page, '#/targets?period=ytd');
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
  const statusColumns = ['target', 'actual', 'expected', 'attainment', 'ofFullTarget', 'gap'];
  const original: Record<string, (string | null)[]> = {};
  for (const col of statusColumns) {
    original[col] = await page.locator(`[data-testid="status-table"] tbody td[data-col="${col}"]`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  }
  expect(original.target.length).toBeGreaterThan(1);
  const chartValues = async (p: Page, chart: string) => {
    const card = p.getByTestId(`chart-${chart}`);
    await card.locator('button[aria-pressed="false"]').click();
    return card.locator('tbody td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  };
  const originalPacing = await chartValues(page, 'pacing');
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  test.info().annotations.push({ type: 'snapshot link length (targets, sample, YTD)', description: String(link.length) });

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('snapshot-banner')).toBeVisible();
  await expect(fresh.getByTestId('snapshot').locator('h1')).toHaveText('Targets');
  const status = fresh.getByTestId('chart-status');
  await status.locator('button[aria-pressed="false"]').click();
  for (const col of statusColumns) {
    const shown = await status.locator(`tbody td[data-col="${col}"]`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    expect(shown, col).toEqual(original[col]);
  }
  expect(await chartValues(fresh, 'pacing')).toEqual(originalPacing);
  await context.close();
});

test('print: A4 landscape with a print header (title, period, filters, source), navigation hidden', async ({ page }) => {
  await openApp(page, '#/overview?period=ytd&f.region=%E5%8D%8E%E4%B8%9C');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await page.emulateMedia({ media: 'print' });
  const header = page.getByTestId('print-header');
  await expect(header).toBeVisible();
  await expect(header).toContainText('Overview');
  await expect(header).toContainText('华东');
  await expect(header).toContainText('示例公司');
  await expect(page.locator('nav')).toBeHidden();
  await expect(page.getByTestId('share-snapshot')).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.startsWith('%PDF')).toBe(true);
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  expect(box).not.toBeNull();
  expect(Number(box![1])).toBeGreaterThan(Number(box![2])); // landscape
  expect(Number(box![1])).toBeCloseTo(842, -1); // A4: 842 × 595 pt
  // One page for the view (scaled to fit), titled with the view and the workspace.
  expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
  expect(pdfTitle(pdf)).toBe('Overview · 示例公司 · 销售工作台 (sample) · TargetScope');
});

/** The PDF's document title (Info /Title), as a literal or UTF-16BE hex string. */
function pdfTitle(pdf: string): string | null {
  const m = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)/.exec(pdf);
  if (!m) return null;
  const raw = m[1];
  if (raw.startsWith('<')) {
    const bytes = Buffer.from(raw.slice(1, -1), 'hex');
    const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
    return body.swap16().toString('utf16le');
  }
  return Buffer.from(raw.slice(1, -1).replace(/\\(.)/g, '$1'), 'latin1').toString('utf8');
}

test('#/market and a snapshot read well at 375 px: no horizontal page scroll', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openApp(page, '#/market?period=all');
  await marketReady(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  test.info().annotations.push({ type: 'snapshot link length (overview, sample, all data)', description: String(link.length) });
  await page.goto(link);
  await expect(page.getByTestId('snapshot-banner')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
