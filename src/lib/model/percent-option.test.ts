import { describe, expect, it } from 'vitest';
import { parsePercentOption } from './percent-option';

describe('parsePercentOption', () => {
  it('reads a percentage within the bounds, else the fallback', () => {
    expect(parsePercentOption('80', 0.5)).toBe(0.8);
    expect(parsePercentOption('105', 0.5)).toBe(1.05);
    expect(parsePercentOption('0', 0.5)).toBe(0);
    expect(parsePercentOption(undefined, 0.5)).toBe(0.5);
    expect(parsePercentOption('', 0.5)).toBe(0.5);
    expect(parsePercentOption('abc', 0.5)).toBe(0.5);
    expect(parsePercentOption('-3', 0.5)).toBe(0.5);
    expect(parsePercentOption('101', 0.8, 1, 100)).toBe(0.8);
    expect(parsePercentOption('0', 0.8, 1, 100)).toBe(0.8);
    expect(parsePercentOption('95', 0.8, 1, 100)).toBe(0.95);
  });
});
