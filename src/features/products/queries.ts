/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/abc-pareto';
import * as m1 from '../../lib/analyses/channel-mix';
import * as m2 from '../../lib/analyses/price-volume-mix';
import * as m3 from '../../lib/analyses/product-performance';
import * as m4 from '../../lib/analyses/slow-movers';

export const queryAbc = onEngine(m0.queryAbc);
export const queryMonthlyByMember = onEngine(m1.queryMonthlyByMember);
export const queryPvm = onEngine(m2.queryPvm);
export const queryPerformance = onEngine(m3.queryPerformance);
export const querySlowMovers = onEngine(m4.querySlowMovers);
