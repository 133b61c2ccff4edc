/**
 * Prepares a published workspace from sales exports of any size, with native DuckDB:
 *
 *   npm run prepare-workspace -- <sales files or folders> [--out=dir] [--name=…] [--currency=CNY]
 *     [--locale=zh-CN] [--fy-start=1] [--targets=file] [--budget=file] [--read-on-demand | --download]
 *
 * Writes <out>/workspace.json and <out>/workspace.duckdb (default out: prepared/). Copy both into data/
 * (or any folder the site serves as its data/) to publish them; see README "Big histories".
 */
import { prepareWorkspace, PrepareError } from './lib/prepare/prepare';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const inputs = args.filter((a) => !a.startsWith('--'));

if (inputs.length === 0 || args.includes('--help')) {
  console.log('usage: npm run prepare-workspace -- <sales files or folders> [--out=prepared] [--name=…] [--currency=CNY] [--locale=zh-CN] [--fy-start=1] [--targets=file] [--budget=file] [--read-on-demand | --download]');
  process.exit(inputs.length === 0 ? 1 : 0);
}

const started = performance.now();
prepareWorkspace({
  sales: inputs,
  out: option('out') ?? 'prepared',
  name: option('name'),
  currency: option('currency'),
  locale: option('locale'),
  fiscalYearStartMonth: option('fy-start') ? Number(option('fy-start')) : undefined,
  targets: option('targets'),
  budget: option('budget'),
  readOnDemand: args.includes('--read-on-demand') ? true : args.includes('--download') ? false : undefined,
  log: (line) => console.log(line),
})
  .then((s) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `done in ${seconds} s: ${s.lines.toLocaleString('en')} lines → ${s.rollupRows.toLocaleString('en')} rollup rows (${((100 * s.rollupRows) / s.lines).toFixed(1)} %), ${s.customerDayRows.toLocaleString('en')} customer-day rows (${((100 * s.customerDayRows) / s.lines).toFixed(1)} %), ${s.minDate} … ${s.maxDate}`,
    );
    console.log(`wrote ${option('out') ?? 'prepared'}/workspace.json and workspace.duckdb`);
  })
  .catch((e) => {
    console.error(e instanceof PrepareError ? `error: ${e.message}` : e);
    process.exit(1);
  });
