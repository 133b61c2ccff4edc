/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/budget-entry';
import * as m1 from '../../lib/analyses/budget-variance';
import * as m2 from '../../lib/analyses/forecast-units';

export const queryLastYearMonths = onEngine(m0.queryLastYearMonths);
export const replaceBudgetEntries = onEngine(m0.replaceBudgetEntries);
export const saveBudgetEntries = onEngine(m0.saveBudgetEntries);
export const queryBudgetLevels = onEngine(m1.queryBudgetLevels);
export const queryBudgetVariance = onEngine(m1.queryBudgetVariance);
export const queryForecastInputs = onEngine(m2.queryForecastInputs);
