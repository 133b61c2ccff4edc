/**
 * Checks a workspace cut for an audience against the full workspace it was cut from:
 *
 *   npm run verify-audience -- <audience workspace folder> --against=<full workspace folder>
 *
 * Every table is opened with native DuckDB and every text file read: no value of the scoped dimension
 * outside the audience may appear, and no row of a unit that also sells outside it. Exit 1 on any finding.
 */
import { verifyAudience } from './lib/prepare/audience';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const against = args.find((a) => a.startsWith('--against='))?.slice('--against='.length);
if (!dir || !against) {
  console.log('usage: npm run verify-audience -- <audience workspace folder> --against=<full workspace folder>');
  process.exit(1);
}
verifyAudience(dir, against)
  .then((problems) => {
    for (const p of problems) console.log(`${p.where}: ${p.what}`);
    console.log(problems.length ? `${problems.length} finding(s): ${dir} holds data outside its audience` : `${dir}: nothing outside its audience`);
    process.exit(problems.length ? 1 : 0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
