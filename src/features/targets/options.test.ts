import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { targetsOptions } from './options';

describe('#/targets options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(targetsOptions));

  it('reads thresholds in percent, the share as a percent, and falls back on anything else', () => {
    const o = targetsOptions.parse({ ahead: '105', onpace: '90.5', atrisk: 'x', share: '12.5', shareyears: '11', sort: 'gap', credit: 'nobody' });
    expect(o.ahead).toBe(1.05);
    expect(o.onpace).toBeCloseTo(0.905, 12);
    expect(o.atrisk).toBe(targetsOptions.parse({}).atrisk);
    expect(o.share).toBe(12.5);
    expect(o.shareyears).toBe(targetsOptions.parse({}).shareyears); // 11 is outside 1–10
    expect(o.sort).toBe('gap');
    expect(o.credit).toBe('own');
    expect(targetsOptions.patch({ ahead: 1.1, credit: 'own', unit: '' })).toEqual({ ahead: '110', credit: null, unit: null });
  });
});
