// `npm start` opens the app on data/; the generated workspace is committed,
// so this only regenerates it when it is missing (e.g. deleted by hand).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('data/workspace.duckdb') || !existsSync('data/workspace.json')) {
  console.log('data/ has no workspace: generating the sample (scripts/generate-sample.ts)…');
  execSync('npx tsx scripts/generate-sample.ts', { stdio: 'inherit' });
}
