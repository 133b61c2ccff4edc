import { describe, expect, it } from 'vitest';
import { currencySymbol, formatChange, formatDecimal, formatMoney, formatMoneyCompact, formatPercent, relativeChange } from './number';

describe('number formats', () => {
  it('uses 万 and 亿 in zh-CN', () => {
    expect(formatMoneyCompact(123_456_789, { locale: 'zh-CN', currency: 'CNY' })).toBe('¥1.23亿');
    expect(formatMoneyCompact(1_234_567, { locale: 'zh-CN', currency: 'CNY' })).toBe('¥123.46万');
    expect(formatMoneyCompact(9_999, { locale: 'zh-CN', currency: 'CNY' })).toBe('¥9,999');
  });

  it('uses K/M in English, ¥ for CNY', () => {
    expect(formatMoneyCompact(1_234_567, { locale: 'en', currency: 'USD' })).toBe('$1.23M');
    expect(formatMoney(1234.5, { locale: 'en', currency: 'CNY' })).toBe('¥1,234.50');
    expect(currencySymbol('CNY', 'en')).toBe('¥');
    expect(formatMoney(-1234.5, { locale: 'en', currency: '' })).toBe('-1,234.50');
  });

  it('formats ratios and changes', () => {
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatChange(0.05, 'en')).toBe('+5.0%');
    expect(formatChange(-0.05, 'en')).toBe('-5.0%');
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeChange(-50, -100)).toBeCloseTo(0.5, 12);
    expect(relativeChange(5, 0)).toBeNull();
    expect(formatMoney(null, { locale: 'en', currency: 'USD' })).toBe('—');
  });
});

describe('formatDecimal', () => {
  it('fixes the decimals, groups thousands, and shows a dash for no value', () => {
    expect(formatDecimal(1.255, 'en', 1)).toBe('1.3');
    expect(formatDecimal(0.5, 'zh-CN', 2)).toBe('0.50');
    expect(formatDecimal(12345.678, 'en', 0)).toBe('12,346');
    expect(formatDecimal(null, 'en', 2)).toBe(formatDecimal(Number.NaN, 'en', 2));
    expect(formatDecimal(null, 'en', 2)).not.toMatch(/\d/);
  });
});
