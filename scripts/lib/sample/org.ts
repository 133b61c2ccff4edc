/**
 * Who sells what where: the order "streams" (channel × region × rep) whose
 * daily intensities drive the sales generator.
 */
import {
  CHANNEL_PROFILE,
  CHANNEL_TEAM,
  CHANNELS,
  REGION_WEIGHT,
  REGIONS,
  REPS,
  SECONDARY_REGION_WEIGHT,
  type Channel,
  type Region,
  type RepSpec,
  type Segment,
} from './assumptions';

export interface Stream {
  channel: Channel;
  region: Region;
  rep: RepSpec;
  segment: Segment;
  /** Static share of all orders at the start (channel × region × rep share). */
  baseWeight: number;
  /** Customer pool this stream's orders draw from. */
  poolKey: string;
}

/** Customers are pooled by usual rep, home region and segment. */
export function poolKey(rep: string, region: Region, segment: Segment): string {
  return `${rep}|${region}|${segment}`;
}

function repsServing(channel: Channel, region: Region): { rep: RepSpec; weight: number }[] {
  const team = CHANNEL_TEAM[channel];
  const serving = REPS.filter((r) => (team === '大客户团队' ? r.team === '大客户团队' : r.team !== '大客户团队'))
    .filter((r) => r.regions.includes(region))
    .map((rep) => ({ rep, weight: rep.size * (rep.regions[0] === region ? 1 : SECONDARY_REGION_WEIGHT) }));
  if (serving.length === 0) throw new Error(`nobody serves ${channel} in ${region}`);
  return serving;
}

export function buildStreams(): Stream[] {
  const streams: Stream[] = [];
  for (const channel of CHANNELS) {
    const segment = CHANNEL_PROFILE[channel].segment;
    for (const region of REGIONS) {
      const serving = repsServing(channel, region);
      const total = serving.reduce((s, x) => s + x.weight, 0);
      for (const { rep, weight } of serving) {
        streams.push({
          channel,
          region,
          rep,
          segment,
          baseWeight: CHANNEL_PROFILE[channel].orderShare * REGION_WEIGHT[region] * (weight / total),
          poolKey: poolKey(rep.name, region, segment),
        });
      }
    }
  }
  return streams;
}
