/**
 * Every message in both locales renders whole: the same placeholders in en and zh-CN, and none left
 * unfilled ({…}, undefined, NaN) when its parameters are given. Load errors and warnings are rendered
 * through the sentences the loader builds (messages.ts), with every fact the loader may fill.
 */
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { translate } from './i18n.svelte';
import { describeLoadError, describeWarning } from '../load/messages';
import { LoadError, type LoadErrorCode, type LoadWarningCode, type LoadFacts } from '../load/errors';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const UNFILLED = /\{\w*\}|\bundefined\b|\bNaN\b|\bnull\b/;
const keys = Object.keys(en) as MessageKey[];

describe('message catalogs', () => {
  it('have the same keys in both locales, each with text', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    for (const k of keys) expect([k, en[k].trim().length > 0, zhCN[k].trim().length > 0]).toEqual([k, true, true]);
  });

  it('use the same placeholders in en and zh-CN', () => {
    for (const k of keys) expect([k, placeholders(zhCN[k])]).toEqual([k, placeholders(en[k])]);
  });

  it.each(['en', 'zh-CN'] as const)('render every message in %s with no placeholder left', (locale) => {
    for (const k of keys) {
      const params = Object.fromEntries(placeholders(en[k]).map((p, i) => [p, `v${i}`]));
      const text = translate(locale, k, params);
      expect([k, UNFILLED.test(text)]).toEqual([k, false]);
    }
  });
});

const ALL_FACTS: Required<Omit<LoadFacts, 'columns' | 'proposed' | 'factsFile'>> = {
  file: 'sales.csv',
  row: 7,
  column: 'Sales',
  count: 3,
  total: 200,
  expected: 'YYYY-MM-DD',
  examples: [{ row: 7, value: 'n/a' }],
  detail: '“n/a” ×3',
  limit: 1_500_000_000,
};
const ERROR_CODES = Object.keys(en).filter((k) => k.startsWith('err.') && !k.startsWith('err.workspace.') && k !== 'err.where' && k !== 'err.example').map((k) => k.slice(4)) as LoadErrorCode[];
const WARNING_CODES = Object.keys(en).filter((k) => k.startsWith('warn.')).map((k) => k.slice(5)) as LoadWarningCode[];

describe('load errors and warnings', () => {
  it('have a sentence for every code', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['no-date', 'no-amount', 'bad-dates', 'bad-amounts']));
    expect(WARNING_CODES).toEqual(expect.arrayContaining(['missing-amounts', 'missing-quantities', 'monthly', 'quarterly', 'date-by-content', 'amount-by-content']));
  });

  it('render every code with its facts, with nothing unfilled or empty-quoted', () => {
    for (const code of ERROR_CODES) {
      const text = describeLoadError(new LoadError(code, ALL_FACTS));
      expect([code, UNFILLED.test(text) || text.includes('“”')]).toEqual([code, false]);
    }
    for (const code of WARNING_CODES) {
      const text = describeWarning({ code, facts: ALL_FACTS });
      expect([code, UNFILLED.test(text) || text.includes('“”')]).toEqual([code, false]);
    }
  });
});
