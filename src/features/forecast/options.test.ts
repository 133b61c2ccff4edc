import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { forecastOptions } from './options';

describe('#/forecast options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(forecastOptions));

  it('reads the horizon, the grain and the scenario change', () => {
    expect(forecastOptions.parse({ horizon: '12', grain: 'week', revise: '-7.5' })).toEqual({ level: '', unit: '', horizon: '12', grain: 'week', revise: -7.5 });
    expect(forecastOptions.parse({ horizon: '24', grain: 'day', revise: 'abc' })).toMatchObject({ horizon: 'fy', grain: 'month', revise: 0 });
    expect(forecastOptions.patch({ level: 'team', unit: '' })).toEqual({ level: 'team', unit: null });
  });
});
