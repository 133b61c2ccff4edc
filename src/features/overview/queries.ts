/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/overview';
import * as m1 from '../../lib/analyses/target-attainment';

export const queryBreakdowns = onEngine(m0.queryBreakdowns);
export const queryKpis = onEngine(m0.queryKpis);
export const queryTrend = onEngine(m0.queryTrend);
export const queryTargetForRange = onEngine(m1.queryTargetForRange);
