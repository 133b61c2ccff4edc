import { describe, expect, it } from 'vitest';
import { formatRangeOption, parseRangeOption } from './range-option';

describe('range options', () => {
  it('round-trips and orders the ends; rejects anything else', () => {
    const r = { start: '2025-07-01', end: '2025-09-30' };
    expect(parseRangeOption(formatRangeOption(r))).toEqual(r);
    expect(parseRangeOption('2025-09-30..2025-07-01')).toEqual(r);
    for (const bad of [undefined, '', '2025-07-01', '2025-07-01..x', "2025-07-01..2025-09-30' OR 1=1"]) expect(parseRangeOption(bad)).toBeNull();
  });
});
