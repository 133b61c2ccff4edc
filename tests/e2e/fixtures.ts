/**
 * Shared Playwright fixtures: every test asserts that no request left
 * 127.0.0.1 (the app works offline and never uploads), and gets helpers to
 * load files through the real file input and read KPIs.
 */
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';

export const test = base.extend<{ noForeignRequests: void }>({
  noForeignRequests: [
    async ({ page }, use) => {
      const foreign: string[] = [];
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
        if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') foreign.push(req.url());
      });
      await use();
      expect(foreign, 'requests that left 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app on a route and waits until the sample workspace (or whatever is there) is ready. */
export async function openApp(page: Page, hash = '#/overview?period=all'): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
}

export type FileSpec = string | { name: string; mimeType: string; buffer: Buffer };

/** Chooses a file through the real file input and waits for that load to end; returns its state. */
/** One file, or several at once (a multi-file workspace). */
export async function loadFile(page: Page, file: FileSpec | string[]): Promise<'ready' | 'error'> {
  const status = page.getByTestId('load-status');
  const before = Number(await status.getAttribute('data-attempts'));
  const input = page.getByTestId('file-input').first();
  await input.setInputFiles(Array.isArray(file) ? file.map((f) => path.resolve(f)) : typeof file === 'string' ? path.resolve(file) : file);
  await expect(status).toHaveAttribute('data-attempts', String(before + 1), { timeout: 120_000 });
  return (await status.getAttribute('data-state')) as 'ready' | 'error';
}

export async function kpi(page: Page, name: string): Promise<number> {
  const card = page.locator(`[data-kpi="${name}"]`);
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const value = await card.getAttribute('data-value');
  return Number(value);
}

/** Saving to the browser runs after the data is shown: waits until the data on screen is the data kept. */
export async function waitUntilSaved(page: Page): Promise<void> {
  const status = page.getByTestId('storage-status');
  await expect
    .poll(async () => (await status.getAttribute('data-saved-revision')) === (await status.getAttribute('data-revision')), { timeout: 30_000 })
    .toBe(true);
}

/**
 * Replaces the SQL console's text the way a person does: click into the editor, select all, type. (Playwright's
 * fill on CodeMirror's contenteditable can land before the editor takes its selection on focus, and then
 * inserts before the old text instead of replacing it.)
 */
export async function writeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('sql-input');
  await editor.click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(sql);
  await expect(editor).toHaveText(sql);
}
