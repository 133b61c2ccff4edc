import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { budgetOptions } from './options';

describe('#/budget options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(budgetOptions));

  it('reads the variance threshold in percent; 5 % unless a positive percent is given', () => {
    expect(budgetOptions.parse({ threshold: '8' }).threshold).toBe(0.08);
    expect(budgetOptions.parse({ threshold: '0' }).threshold).toBe(0.05);
    expect(budgetOptions.parse({}).threshold).toBe(0.05);
    expect(budgetOptions.patch({ threshold: 0.05 })).toEqual({ threshold: null });
  });
});
