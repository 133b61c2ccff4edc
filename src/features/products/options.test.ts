import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { productsOptions } from './options';
import { DEFAULT_IDLE_DAYS } from '../../lib/analyses/slow-movers';

describe('#/products options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(productsOptions));

  it('reads ABC limits in percent and whole days, within their bounds', () => {
    const o = productsOptions.parse({ a: '70', b: '101', window: '30.4', idle: '0', by: 'category' });
    expect(o.a).toBe(0.7);
    expect(o.b).toBe(productsOptions.parse({}).b);
    expect(o.window).toBe(30);
    expect(o.idle).toBe(DEFAULT_IDLE_DAYS);
    expect(o.by).toBe('category');
  });
});
