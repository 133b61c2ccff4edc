import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium';

const PORT = Number(process.env.TEST_PORT ?? 4319);
/** The built site is served under a sub-path, as on GitHub Pages. */
export const BASE_PATH = '/targetscope/';

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
  },
  webServer: {
    command: `npx vite preview --outDir ${process.env.TEST_DIST ?? 'dist-test'} --base ${BASE_PATH} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    { name: 'real', testDir: 'tests/real' },
    // Against a read-only build (TARGETSCOPE_READ_ONLY=1), served from TEST_DIST=dist-readonly.
    { name: 'readonly', testDir: 'tests/readonly' },
    // The site built by the Pages workflow's own steps in a fresh clone (scripts/check-pages-workflow.ts).
    { name: 'pages', testDir: 'tests/pages' },
  ],
});
