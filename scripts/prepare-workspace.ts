/**
 * Prepares a published workspace from sales exports of any size, with native DuckDB:
 *
 *   npm run prepare-workspace -- <sales files or folders> [--out=dir] [--name=…] [--currency=CNY]
 *     [--locale=zh-CN] [--fy-start=1] [--targets=file] [--budget=file] [--read-on-demand | --download]
 *     [--audience=region=华东[,华南]]
 *
 * Writes <out>/workspace.json and <out>/workspace.duckdb (default out: prepared/). Copy both into data/
 * (or any folder the site serves as its data/) to publish them; see README "Big histories".
 * With --audience the output holds only that audience's slice (README "Sharing with leadership"); the input
 * may then also be a published workspace folder (one with a workspace.json, such as data/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareWorkspace, PrepareError } from './lib/prepare/prepare';
import { AudienceError, parseAudience, scopeWorkspace, verifyAudience } from './lib/prepare/audience';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const inputs = args.filter((a) => !a.startsWith('--'));
const USAGE =
  'usage: npm run prepare-workspace -- <sales files or folders> [--out=prepared] [--name=…] [--currency=CNY] [--locale=zh-CN] [--fy-start=1] [--targets=file] [--budget=file] [--read-on-demand | --download] [--audience=region=华东]';

if (inputs.length === 0 || args.includes('--help')) {
  console.log(USAGE);
  process.exit(inputs.length === 0 ? 1 : 0);
}

const started = performance.now();
const out = option('out') ?? 'prepared';
const log = (line: string) => console.log(line);

async function prepare(to: string) {
  const s = await prepareWorkspace({
    sales: inputs,
    out: to,
    name: option('name'),
    currency: option('currency'),
    locale: option('locale'),
    fiscalYearStartMonth: option('fy-start') ? Number(option('fy-start')) : undefined,
    targets: option('targets'),
    budget: option('budget'),
    readOnDemand: args.includes('--read-on-demand') ? true : args.includes('--download') ? false : undefined,
    log,
  });
  console.log(
    `prepared: ${s.lines.toLocaleString('en')} lines → ${s.rollupRows.toLocaleString('en')} rollup rows (${((100 * s.rollupRows) / s.lines).toFixed(1)} %), ${s.customerDayRows.toLocaleString('en')} customer-day rows (${((100 * s.customerDayRows) / s.lines).toFixed(1)} %), ${s.minDate} … ${s.maxDate}`,
  );
}

async function main() {
  const spec = option('audience');
  if (!spec) {
    await prepare(out);
  } else {
    const audience = parseAudience(spec);
    const published = inputs.length === 1 && fs.existsSync(path.join(inputs[0], 'workspace.json'));
    // From exports, the whole workspace is prepared first (in a scratch folder), then cut.
    const full = published ? inputs[0] : fs.mkdtempSync(path.join(os.tmpdir(), 'targetscope-full-'));
    try {
      if (!published) await prepare(full);
      log(`cutting the ${audience.dimension} audience ${audience.values.join(', ')}`);
      const s = await scopeWorkspace(full, out, audience, log);
      for (const share of s.shares) log(`  company target ${share.fiscalYear} × ${(100 * share.share).toFixed(2)} % (the audience's share of ${share.basedOn} sales)`);
      if (s.textRemoved) log(`  ${s.textRemoved} text item(s) naming another ${audience.dimension} removed`);
      const problems = await verifyAudience(out, full);
      if (problems.length) throw new AudienceError(`the slice names data outside the audience:\n${problems.map((p) => `  ${p.where}: ${p.what}`).join('\n')}`);
      log(`verified: no ${audience.dimension} outside the audience in any table or text file`);
    } finally {
      if (!published) fs.rmSync(full, { recursive: true, force: true });
    }
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s: wrote ${out}/workspace.json and workspace.duckdb`);
}

main().catch((e) => {
  console.error(e instanceof PrepareError || e instanceof AudienceError ? `error: ${e.message}` : e);
  process.exit(1);
});
