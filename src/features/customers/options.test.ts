import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { customersOptions } from './options';
import { DEFAULT_CHURN_DAYS } from '../../lib/analyses/customer-lifecycle';

describe('#/customers options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(customersOptions));

  it('reads the churn window in whole days from 1 to 364', () => {
    expect(customersOptions.parse({ churnDays: '120' }).churnDays).toBe(120);
    expect(customersOptions.parse({ churnDays: '365' }).churnDays).toBe(DEFAULT_CHURN_DAYS);
    expect(customersOptions.parse({ q: ' 华东 ', customer: 'A&B' })).toMatchObject({ q: ' 华东 ', customer: 'A&B' });
  });
});
