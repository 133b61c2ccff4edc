/**
 * This page's queries: the analyses it shows, bound to the app's one engine (views never touch it).
 */
import { onEngine } from '../../lib/store/queries';
import * as m0 from '../../lib/analyses/market-share-trend';

export const queryMarketShare = onEngine(m0.queryMarketShare);
