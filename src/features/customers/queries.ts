/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/customer-lifecycle';
import * as m1 from '../../lib/analyses/customer-ranking';

export const queryChurn = onEngine(m0.queryChurn);
export const queryCustomerHistory = onEngine(m0.queryCustomerHistory);
export const queryLifecycle = onEngine(m0.queryLifecycle);
export const queryCustomerRanking = onEngine(m1.queryCustomerRanking);
