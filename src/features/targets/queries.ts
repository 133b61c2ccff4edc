/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/market-share-target';
import * as m1 from '../../lib/analyses/target-plan';
import * as m2 from '../../lib/analyses/target-status';

export const queryAnnualCompanyTargets = onEngine(m0.queryAnnualCompanyTargets);
export const queryMarketShareYears = onEngine(m0.queryMarketShareYears);
export const queryPlanRows = onEngine(m1.queryPlanRows);
export const queryPlanTables = onEngine(m1.queryPlanTables);
export const queryStatusData = onEngine(m2.queryStatusData);
export const queryVersions = onEngine(m2.queryVersions);
