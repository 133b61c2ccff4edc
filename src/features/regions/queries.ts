/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/channel-mix';
import * as m1 from '../../lib/analyses/contribution';
import * as m2 from '../../lib/analyses/region-matrix';

export const queryMonthlyByMember = onEngine(m0.queryMonthlyByMember);
export const queryContribution = onEngine(m1.queryContribution);
export const queryDimensionRanks = onEngine(m1.queryDimensionRanks);
export const queryMatrix = onEngine(m2.queryMatrix);
