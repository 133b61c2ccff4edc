/**
 * Runs the Pages workflow's own `run:` steps, in order, in a fresh clone of HEAD (as a clean runner would),
 * then opens the site they built under a sub-path (tests/pages). CI fails whenever the deploy would.
 *   npx tsx scripts/check-pages-workflow.ts
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const workflow = readFileSync(join(repo, '.github/workflows/pages.yml'), 'utf8');
// Single-line `- run: …` steps are all the workflow has; a multi-line one would need a YAML parser.
const steps = [...workflow.matchAll(/^\s*-\s+run:\s*(.+)$/gm)].map((m) => m[1].trim());
if (steps.length === 0 || steps.some((s) => s === '|' || s === '>')) {
  throw new Error(`pages.yml: expected single-line run steps, found ${JSON.stringify(steps)}`);
}

const clone = mkdtempSync(join(tmpdir(), 'targetscope-pages-'));
try {
  execSync(`git clone --quiet --no-hardlinks "${repo}" "${clone}"`, { stdio: 'inherit' });
  // The workflow's env for the build step is a repository variable, empty unless set: run it unset.
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.TARGETSCOPE_READ_ONLY;
  for (const step of steps) {
    console.log(`== pages.yml (fresh clone): ${step}`);
    execSync(step, { cwd: clone, stdio: 'inherit', env });
  }
  execSync('npx playwright test --project=pages', {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, TEST_DIST: join(clone, 'dist') },
  });
} finally {
  rmSync(clone, { recursive: true, force: true });
}
