import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { regionsOptions } from './options';

describe('#/regions options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(regionsOptions));

  it('reads the compared periods in either order, and the ranks switch', () => {
    const o = regionsOptions.parse({ p1: '2025-06-30..2025-01-01', p0: 'last year', rank: '1', dim: 'product' });
    expect(o).toEqual({ dim: 'product', p0: null, p1: { start: '2025-01-01', end: '2025-06-30' }, rank: true });
    expect(regionsOptions.encode({ p1: o.p1, rank: false })).toEqual({ p1: '2025-01-01..2025-06-30' });
  });
});
