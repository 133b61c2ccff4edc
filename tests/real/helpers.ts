/**
 * Helpers for the real-dataset suite (`npm run test:real`): where the
 * datasets live, route changes that keep the loaded file, and a SQL runner
 * that reads `table[data-testid="sql-result"]` back as rows.
 *
 * The datasets are NOT in the repo: they sit in `shared/datasets` beside the
 * checkout (or wherever TARGETSCOPE_DATASETS points).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const DATASETS_DIR = path.resolve(process.env.TARGETSCOPE_DATASETS ?? path.resolve('../shared/datasets'));

/** Absolute path of a dataset file; throws (never skips) when it is missing. */
export function dataset(rel: string): string {
  if (!fs.existsSync(DATASETS_DIR) || !fs.statSync(DATASETS_DIR).isDirectory()) {
    throw new Error(
      `Real datasets folder not found: ${DATASETS_DIR}. ` +
        'Put shared/datasets beside the checkout or set TARGETSCOPE_DATASETS=/path/to/datasets.',
    );
  }
  const file = path.join(DATASETS_DIR, rel);
  if (!fs.existsSync(file)) throw new Error(`Dataset file missing: ${file} (TARGETSCOPE_DATASETS=${DATASETS_DIR})`);
  return file;
}

/** Changes route without reloading (a page.goto would drop the loaded file). */
export async function route(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

export interface SourceInfo {
  name: string;
  rows: number;
  encoding: string | null;
  delimiter: string | null;
}

/** What `#/data` says about the loaded source. Leaves the page on `#/data`. */
export async function sourceInfo(page: Page): Promise<SourceInfo> {
  await route(page, '#/data?period=all');
  const rows = page.getByTestId('source-rows');
  await expect(rows).toBeVisible();
  const text = async (id: string) => {
    const l = page.getByTestId(id);
    return (await l.count()) > 0 ? (await l.first().innerText()).trim() : null;
  };
  return {
    name: (await text('source-name')) ?? '',
    rows: Number(await rows.getAttribute('data-value')),
    encoding: await text('source-encoding'),
    delimiter: await text('source-delimiter'),
  };
}

/** The column the mapping table assigns to a canonical field (leaves the page on `#/data`). */
export async function mappedColumn(page: Page, field: string): Promise<string> {
  await route(page, '#/data?period=all');
  const select = page.getByTestId(`map-${field}`);
  await expect(select).toBeVisible();
  return select.inputValue();
}

let queryCount = 0;

/**
 * Runs a SELECT on `#/sql` and returns the rendered rows as
 * { column: data-value }. A unique tag column is prepended so the result of
 * this run can't be confused with an earlier one; GROUP BY / ORDER BY must
 * therefore use names, not ordinals.
 */
export async function sql(page: Page, query: string): Promise<Record<string, string>[]> {
  const tag = `q${++queryCount}_${Date.now().toString(36)}`;
  const tagged = query.replace(/^\s*SELECT\s/i, `SELECT '${tag}' AS _tag, `);
  if (tagged === query) throw new Error(`sql(): the query must start with SELECT: ${query}`);
  const editor = page.getByTestId('sql-input');
  if (!(await editor.isVisible())) await route(page, '#/sql?period=all');
  await expect(editor).toBeVisible();
  // Under load CodeMirror has been seen to end up with other text than filled (a completion popup
  // left open by the previous query?): close popups, fill, and read the text back before running.
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  let shown = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    await editor.press('Escape');
    await editor.fill(tagged);
    shown = await editor.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
    if (squash(shown) === squash(tagged)) break;
  }
  expect(squash(shown), 'the SQL editor holds the query that was filled').toBe(squash(tagged));
  await page.getByTestId('sql-run').click();
  const done = page.locator(`table[data-testid="sql-result"] td[data-value="${tag}"]`).first();
  const failed = page.getByTestId('sql-error');
  await expect(done.or(failed)).toBeVisible({ timeout: 60_000 });
  if (await failed.isVisible()) throw new Error(`SQL failed: ${query}\n${await failed.innerText()}`);
  const rows = await page.locator('table[data-testid="sql-result"]').evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    return [...table.querySelectorAll('tbody tr')].map((tr) => {
      const row: Record<string, string> = {};
      [...tr.querySelectorAll('td')].forEach((td, i) => (row[heads[i]] = td.getAttribute('data-value') ?? ''));
      return row;
    });
  });
  for (const r of rows) delete r._tag;
  return rows;
}

/** One-row SELECT → that row. */
export async function sqlOne(page: Page, query: string): Promise<Record<string, string>> {
  const rows = await sql(page, query);
  expect(rows, `one row from: ${query}`).toHaveLength(1);
  return rows[0];
}

/** Key → number from a two-column breakdown (`key`, `value`). */
export function toMap(rows: Record<string, string>[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
}

/** Each expected key is present with the value to the cent, and there are no extra keys. */
export function expectBreakdown(actual: Record<string, number>, expected: Record<string, number>, what: string): void {
  expect(Object.keys(actual).sort(), `${what}: keys`).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(actual[k], `${what}: ${k}`).toBeCloseTo(v, 2);
}
