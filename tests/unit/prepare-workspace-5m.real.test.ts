/**
 * The rollup-vs-lines equivalence of tests/unit/prepare-workspace.test.ts on a generated 5M-line export
 * (bench-data/, made by the benchmark's generator if missing): every query that reads `sales_rollup` gives
 * the same rows on the prepared workspace's daily rollup as on its lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensureSalesCsv, FILTER_VALUES } from '../../scripts/lib/bench/generate';
import { prepareWorkspace } from '../../scripts/lib/prepare/prepare';
import { checkRollupEquivalence, equivalenceCases } from './rollup-equivalence';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-5m-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

it('5M lines: every sum-only query equal on the rollup and on the lines', async () => {
  const csv = await ensureSalesCsv(path.resolve('bench-data/sales-5m.csv'), 5_000_000, (s) => console.log(s));
  const t0 = performance.now();
  const summary = await prepareWorkspace({ sales: [csv.path], out });
  const prepareS = (performance.now() - t0) / 1000;
  expect(summary.lines).toBe(5_000_000);
  const [, productLine] = fs.readFileSync(csv.path, 'utf8').slice(0, 4096).split('\n');
  const report = await checkRollupEquivalence(path.join(out, 'workspace.duckdb'), equivalenceCases({
    region: [...FILTER_VALUES.region], channel: [...FILTER_VALUES.channel], category: [...FILTER_VALUES.category], team: [...FILTER_VALUES.team],
    product: productLine.split(',')[3], customer: productLine.split(',')[2],
  }));
  console.log(
    `5M: prepared in ${prepareS.toFixed(1)} s; ${summary.rollupRows.toLocaleString('en')} rollup rows, ${summary.customerDayRows.toLocaleString('en')} customer-day rows; ${report.queries} queries, ${report.rowsCompared} rows compared; ` +
      `lines ${(report.linesMs / 1000).toFixed(1)} s, rollup ${(report.rollupMs / 1000).toFixed(1)} s`,
  );
  expect(report.mismatches).toEqual([]);
}, 900_000);
