/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/brief';
import * as m1 from '../../lib/analyses/market-share-target';

export const queryBrief = onEngine(m0.queryBrief);
export const queryBriefMix = onEngine(m0.queryBriefMix);
export const queryAnnualCompanyTargets = onEngine(m1.queryAnnualCompanyTargets);
export const queryMarketShareYears = onEngine(m1.queryMarketShareYears);
