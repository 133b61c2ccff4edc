/**
 * Debian's Chromium, as the tests, the benchmark and the profiling scripts launch it here (Playwright
 * cannot download a browser in this environment): no sandbox or GPU, and nothing that phones home.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
