import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { repsOptions, weightsOf } from './options';
import { DEFAULT_WEIGHTS } from '../../lib/analyses/rep-scorecard';

describe('#/reps options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(repsOptions));

  it('reads each KPI weight; negative or non-numbers fall back to the default', () => {
    const w = weightsOf(repsOptions.parse({ 'w.revenue': '50', 'w.growth': '-1', 'w.visits': 'x', 'w.satisfaction': '0' }));
    expect(w).toEqual({ ...DEFAULT_WEIGHTS, revenue: 50, satisfaction: 0 });
  });
});
