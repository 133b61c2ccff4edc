import { test, expect, openApp, loadFile, kpi } from './fixtures';

test('a dropped file and its corrected mapping come back after a reload; reset returns to the sample', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await page.getByTestId('map-amount').selectOption('Profit');
  await page.getByTestId('map-profit').selectOption('');
  await page.getByTestId('apply-mapping').click();
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  const profitAsRevenue = 200 - 10.5 + 150.25 + 3000;
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(profitAsRevenue, 6);

  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(profitAsRevenue, 6);
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('source-name')).toHaveText('eu-semicolon.csv');
  await expect(page.getByTestId('map-amount')).toHaveValue('Profit');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset-workspace').click();
  await expect(page.getByTestId('source-name')).toContainText('sample');
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('source-name')).toContainText('sample');
});

test('without browser storage the app says so and keeps working in memory', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'unavailable');
  expect(await kpi(page, 'revenue')).toBeCloseTo(16185, 6);
});

test('export the workspace as one file, reset, import it: same data and mapping; a foreign archive is refused', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await page.getByTestId('map-amount').selectOption('Profit');
  await page.getByTestId('map-profit').selectOption('');
  await page.getByTestId('apply-mapping').click();
  // Wait until the rebuilt table is in use before exporting.
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(200 - 10.5 + 150.25 + 3000, 6);
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-workspace').click();
  const archive = `${(await import('node:os')).tmpdir()}/targetscope-archive-${Date.now()}.zip`;
  await (await download).saveAs(archive);

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset-workspace').click();
  await expect(page.getByTestId('source-name')).toContainText('sample');

  // A zip that is not a workspace: clear error, the sample stays.
  expect(await loadFile(page, { name: 'photos.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 nothing useful') })).toBe('error');
  await expect(page.getByTestId('load-status').getByRole('alert')).toContainText('photos.zip');
  await expect(page.getByTestId('source-name')).toContainText('sample');

  expect(await loadFile(page, { name: 'workspace.targetscope.zip', mimeType: 'application/zip', buffer: await import('node:fs/promises').then((fs) => fs.readFile(archive)) })).toBe('ready');
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  expect(await kpi(page, 'revenue')).toBeCloseTo(200 - 10.5 + 150.25 + 3000, 6);
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('map-amount')).toHaveValue('Profit');
});
