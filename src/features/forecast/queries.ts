/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/forecast-units';
import * as m1 from '../../lib/analyses/target-plan';

export const queryForecastInputs = onEngine(m0.queryForecastInputs);
export const queryUnitWeekly = onEngine(m0.queryUnitWeekly);
export const queryCompanyUnit = onEngine(m1.queryCompanyUnit);
export const queryPlanHistory = onEngine(m1.queryPlanHistory);
export const queryPlanRows = onEngine(m1.queryPlanRows);
