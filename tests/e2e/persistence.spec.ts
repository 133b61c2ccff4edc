import type { Page } from '@playwright/test';
import { test, expect, openApp, loadFile, kpi, waitUntilSaved, writeSql } from './fixtures';

test('a dropped file and its corrected mapping come back after a reload; reset returns to the sample', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved');
  // Chromium has the Origin Private File System: the file's bytes are kept there, not in IndexedDB.
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-file-store', 'opfs');
  expect(await opfsNames(page)).toEqual([expect.stringMatching(/^file-\d+-0$/)]);
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await page.getByTestId('map-amount').selectOption('Profit');
  await page.getByTestId('map-profit').selectOption('');
  await page.getByTestId('apply-mapping').click();
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  const profitAsRevenue = 200 - 10.5 + 150.25 + 3000;
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(profitAsRevenue, 6);
  await waitUntilSaved(page);

  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(profitAsRevenue, 6);
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('source-name')).toHaveText('eu-semicolon.csv');
  await expect(page.getByTestId('map-amount')).toHaveValue('Profit');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset-workspace').click();
  await expect(page.getByTestId('source-name')).toContainText('sample');
  // The reset removed the bytes too.
  await expect.poll(() => opfsNames(page)).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('source-name')).toContainText('sample');
});

/** The files the app keeps in the Origin Private File System. */
async function opfsNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('targetscope', { create: true });
    const names: string[] = [];
    for await (const name of (dir as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });
}

test('without the Origin Private File System the file is kept in IndexedDB and still comes back', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined, configurable: true });
  });
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  const revenue = await kpi(page, 'revenue');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-file-store', 'indexeddb');
  await waitUntilSaved(page);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('source-name')).toHaveText('eu-semicolon.csv');
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  expect(await kpi(page, 'revenue')).toBeCloseTo(revenue, 6);
});

test('a reload inserts the kept parsed table instead of parsing the file; a new mapping then reloads the file; a damaged kept table falls back to the file', async ({ page }) => {
  const sales = 1234.5 + 99.9 + 823 + 12000;
  const profit = 200 - 10.5 + 150.25 + 3000;
  const keptThenReload = async () => {
    const status = page.getByTestId('storage-status');
    await expect.poll(async () => (await status.getAttribute('data-kept-table-revision')) === (await status.getAttribute('data-revision')), { timeout: 30_000 }).toBe(true);
    await page.reload();
    await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  };
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(sales, 6);
  await keptThenReload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-restored-from', 'kept-table');
  expect(await kpi(page, 'revenue')).toBeCloseTo(sales, 6);
  expect(await kpi(page, 'orders')).toBe(4);

  // Another mapping on the restored workspace: the saved file is loaded again with it.
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(page.getByTestId('source-name')).toHaveText('eu-semicolon.csv');
  await page.getByTestId('map-amount').selectOption('Profit');
  await page.getByTestId('map-profit').selectOption('');
  await page.getByTestId('apply-mapping').click();
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(profit, 6);
  await keptThenReload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-restored-from', 'kept-table');
  expect(await kpi(page, 'revenue')).toBeCloseTo(profit, 6);

  // A damaged kept table (its bytes are in the Origin Private File System): the file is parsed instead, same numbers.
  const keptIn = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('targetscope');
        open.onsuccess = () => {
          const get = open.result.transaction('workspace').objectStore('workspace').get('parsed:file');
          get.onsuccess = () => resolve(String(get.result?.ipcOpfs));
          get.onerror = () => reject(get.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(keptIn).toMatch(/^parsed-\d+\.arrow$/);
  await page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('targetscope');
    const writable = await (await dir.getFileHandle(name)).createWritable();
    await writable.write('not arrow at all');
    await writable.close();
  }, keptIn);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-restored-from', 'files');
  expect(await kpi(page, 'revenue')).toBeCloseTo(profit, 6);
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
  // A saved query travels with the workspace.
  await page.evaluate(() => (location.hash = '#/sql'));
  await writeSql(page, 'SELECT count(*) AS n FROM sales');
  await page.getByTestId('sql-save-name').fill('Row count');
  await page.getByTestId('sql-save').click();
  await expect(page.getByTestId('sql-saved').locator('li')).toHaveCount(1);
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
  await page.evaluate(() => (location.hash = '#/sql'));
  await expect(page.getByTestId('sql-saved').locator('li[data-query="Row count"]')).toHaveCount(1);
});

test('roles and joins of a multi-file workspace can be changed on #/data, and the change is kept across a reload', async ({ page }) => {
  await openApp(page);
  const files = ['tests/fixtures/ws-orders.psv', 'tests/fixtures/ws-customers.csv', 'tests/fixtures/ws-shippers.csv'];
  expect(await loadFile(page, files)).toBe('ready');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  const joins = page.getByTestId('joins-table');
  // Proposed: CustKey by name (3 of 4 rows: C9 has no customer), ShipBy → ShipperCode by values.
  await expect(joins.locator('tr[data-join="ws-customers.CustKey"] td[data-value]')).toHaveAttribute('data-value', '0.75');
  await expect(joins.locator('tr[data-join="ws-shippers.ShipperCode"] td[data-value]')).toHaveAttribute('data-value', '1');
  const east = async () => {
    await page.evaluate(() => (location.hash = '#/overview?period=all&f.region=East'));
    return kpi(page, 'revenue');
  };
  expect(await east()).toBeCloseTo(180, 6); // A1 100 + A3 80 (C1 = Acme, East)

  // Remove the customers join and make the shippers file unused: no region any more, no shippers join.
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  const editor = page.getByTestId('joins-editor');
  await editor.locator('summary').click();
  await page.getByTestId('role-ws-shippers.csv').selectOption('ignored');
  await editor.getByTestId('join-edit').filter({ has: page.locator('[data-testid="join-to-file"] option:checked', { hasText: 'ws-customers.csv' }) }).getByTestId('join-remove').click();
  await expect(editor.getByTestId('join-edit')).toHaveCount(1); // the shippers join is still listed (its file is now unused)
  const status = page.getByTestId('load-status');
  const before = Number(await status.getAttribute('data-attempts'));
  await page.getByTestId('apply-workspace').click();
  await expect(status).toHaveAttribute('data-attempts', String(before + 1));
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(joins.locator('tr[data-join]')).toHaveCount(0);
  await expect(page.getByTestId('files-table').locator('tr[data-file="ws-shippers.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'ignored');
  await expect(page.getByTestId('map-region')).toHaveValue('');

  await waitUntilSaved(page);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => (location.hash = '#/data?period=all'));
  await expect(joins.locator('tr[data-join]')).toHaveCount(0);
  await expect(page.getByTestId('files-table').locator('tr[data-file="ws-shippers.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'ignored');

  // Join the customers back by hand: the region filter works again.
  await editor.locator('summary').click();
  await page.getByTestId('join-add').click();
  const added = editor.getByTestId('join-edit').last();
  await added.getByTestId('join-from').selectOption(JSON.stringify(['ws-orders.psv', 'CustKey']));
  await added.getByTestId('join-to-file').selectOption('ws-customers.csv');
  await added.getByTestId('join-to-column').selectOption('CustKey');
  await page.getByTestId('apply-workspace').click();
  await expect(joins.locator('tr[data-join="ws-customers.CustKey"] td[data-value]')).toHaveAttribute('data-value', '0.75');
  await expect(page.getByTestId('map-region')).toHaveValue('Region');
  expect(await east()).toBeCloseTo(180, 6);
});
