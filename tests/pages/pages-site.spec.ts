/**
 * The site the Pages workflow built (in a fresh clone, by scripts/check-pages-workflow.ts), served under a
 * sub-path as GitHub Pages serves it: it opens on the sample workspace with no request off the host.
 */
import { test, expect, openApp, kpi } from '../e2e/fixtures';
import { sampleQuery } from '../e2e/sample-reference';

test('the Pages build opens under /targetscope/ on the sample workspace; revenue matches native DuckDB', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  const [ref] = await sampleQuery<{ revenue: string }>(`SELECT sum(amount) AS revenue FROM ws.sales`);
  expect(await kpi(page, 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
  expect(new URL(page.url()).pathname).toBe('/targetscope/');
});
