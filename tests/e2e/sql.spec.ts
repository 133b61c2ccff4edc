import { test, expect, openApp, loadFile, writeSql } from './fixtures';
import { readFile } from 'node:fs/promises';

test('SQL console: canonical sales view, results with data-value, errors as messages, safe CSV export', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await page.evaluate(() => (location.hash = '#/sql'));
  await writeSql(page, "SELECT region, sum(amount) AS revenue, '=1+1' AS f FROM sales GROUP BY 1 ORDER BY 2 DESC");
  await page.getByTestId('sql-run').click();
  const table = page.locator('table[data-testid="sql-result"]');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  // 华东 3998 + 8990; 华北 1497.5 + 1999; 华南 −299.5
  await expect(table.locator('tbody tr').first().locator('td').nth(0)).toHaveAttribute('data-value', '华东');
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toHaveAttribute('data-value', '12988');
  await expect(table.locator('tbody tr').nth(2).locator('td').nth(1)).toHaveAttribute('data-value', '-299.5');

  const download = page.waitForEvent('download');
  await page.getByTestId('sql-export').click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv).toContain("'=1+1");
  expect(csv).toContain('-299.5');

  await writeSql(page, 'SELECT no_such_column FROM sales');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-error')).toContainText('no_such_column');

  await writeSql(page, 'SELECT count(*) AS n FROM targets');
  await page.getByTestId('sql-run').click();
  await expect(table.locator('tbody td').first()).toHaveAttribute('data-value', '0');
});

test('queries saved by name come back after a reload; one click puts one in the editor', async ({ page }) => {
  await openApp(page, '#/sql');
  const editor = page.getByTestId('sql-input');
  await writeSql(page, 'SELECT team, count(*) AS n FROM sales GROUP BY 1 ORDER BY 1');
  await page.getByTestId('sql-save-name').fill('Lines per team');
  await page.getByTestId('sql-save').click();
  await writeSql(page, 'SELECT 42 AS answer');
  await page.getByTestId('sql-save-name').fill('Answer');
  await page.getByTestId('sql-save').click();
  const saved = page.getByTestId('sql-saved');
  await expect(saved.locator('li')).toHaveCount(2);
  // Kept in the browser (after the click): then reload.
  await expect(saved).toHaveAttribute('data-kept-count', '2');

  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(saved.locator('li')).toHaveCount(2);
  await saved.locator('li[data-query="Lines per team"]').getByTestId('sql-open').click();
  await expect(editor).toContainText('SELECT team, count(*) AS n FROM sales GROUP BY 1 ORDER BY 1');
  await page.getByTestId('sql-run').click();
  await expect(page.locator('table[data-testid="sql-result"] tbody tr').first()).toBeVisible();
  await saved.locator('li[data-query="Answer"]').getByTestId('sql-forget').click();
  await expect(saved.locator('li')).toHaveCount(1);
  await expect(saved).toHaveAttribute('data-kept-count', '1');
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(saved.locator('li')).toHaveCount(1);
});
