/**
 * The market notes of a workspace (competitors, dated competitor events,
 * SWOT cards): the `market.json` format documented in data/README.md.
 * Parsing validates every field and returns a typed error instead of throwing,
 * because the file may come from anyone (an import, a published workspace).
 */

export type PriceLevel = 'premium' | 'mid' | 'value';
export type EventKind = 'promotion' | 'launch' | 'price_cut';
export type Quadrant = 'strength' | 'weakness' | 'opportunity' | 'threat';
export type SwotScope = { type: 'company' } | { type: 'region'; value: string } | { type: 'category'; value: string };

export interface Competitor {
  id: string;
  name: string;
  positioning: string;
  priceLevel: PriceLevel;
  /** Estimated market share per region, 0–1. */
  share: Record<string, number>;
  strengths: string[];
  weaknesses: string[];
  notes: string;
}

export interface CompetitorEvent {
  id: string;
  /** First day, ISO. */
  date: string;
  /** Last day (inclusive), ISO; null for one-off events. */
  end: string | null;
  competitor: string;
  kind: EventKind;
  /** null = nationwide. */
  region: string | null;
  /** null = all categories. */
  category: string | null;
  title: string;
  notes: string;
}

export interface SwotCard {
  id: string;
  quadrant: Quadrant;
  scope: SwotScope;
  title: string;
  text: string;
  /** Optional evidence: a view URL (hash), e.g. `#/regions?period=all`. */
  link?: string;
  /** Marked for leadership: #/brief shows the marked cards (else the latest ones). */
  leadership?: boolean;
}

export interface MarketData {
  competitors: Competitor[];
  events: CompetitorEvent[];
  swot: SwotCard[];
}

export const PRICE_LEVELS: readonly PriceLevel[] = ['premium', 'mid', 'value'];
export const EVENT_KINDS: readonly EventKind[] = ['promotion', 'launch', 'price_cut'];
export const QUADRANTS: readonly Quadrant[] = ['strength', 'weakness', 'opportunity', 'threat'];

export type MarketParseResult = { ok: true; value: MarketData } | { ok: false; error: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

class Invalid extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, where: string, optional = false): string {
  if (typeof v === 'string') return v;
  if (optional && (v === undefined || v === null)) return '';
  throw new Invalid(`${where}: expected text`);
}

function nullableStr(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null;
  return str(v, where);
}

function isoDate(v: unknown, where: string): string {
  if (typeof v !== 'string' || !ISO.test(v) || Number.isNaN(Date.parse(v))) throw new Invalid(`${where}: expected a date YYYY-MM-DD`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new Invalid(`${where}: expected one of ${allowed.join(', ')}`);
}

function strList(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Invalid(`${where}: expected a list of texts`);
  return v.map((x, i) => str(x, `${where}[${i}]`));
}

function list(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Invalid(`${where}: expected a list`);
  return v;
}

function competitor(v: unknown, i: number): Competitor {
  const where = `competitors[${i}]`;
  if (!isRecord(v)) throw new Invalid(`${where}: expected an object`);
  const share: Record<string, number> = {};
  if (v.share !== undefined && v.share !== null) {
    if (!isRecord(v.share)) throw new Invalid(`${where}.share: expected { region: share }`);
    for (const [region, value] of Object.entries(v.share)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw new Invalid(`${where}.share.${region}: expected a number from 0 to 1`);
      share[region] = value;
    }
  }
  const name = str(v.name, `${where}.name`);
  return {
    id: str(v.id, `${where}.id`, true) || name,
    name,
    positioning: str(v.positioning, `${where}.positioning`, true),
    priceLevel: oneOf(v.priceLevel, PRICE_LEVELS, `${where}.priceLevel`),
    share,
    strengths: strList(v.strengths, `${where}.strengths`),
    weaknesses: strList(v.weaknesses, `${where}.weaknesses`),
    notes: str(v.notes, `${where}.notes`, true),
  };
}

function event(v: unknown, i: number): CompetitorEvent {
  const where = `events[${i}]`;
  if (!isRecord(v)) throw new Invalid(`${where}: expected an object`);
  const date = isoDate(v.date, `${where}.date`);
  const end = v.end === undefined || v.end === null ? null : isoDate(v.end, `${where}.end`);
  if (end !== null && end < date) throw new Invalid(`${where}.end: before the start date`);
  return {
    id: str(v.id, `${where}.id`, true) || `${where}`,
    date,
    end,
    competitor: str(v.competitor, `${where}.competitor`, true),
    kind: oneOf(v.kind, EVENT_KINDS, `${where}.kind`),
    region: nullableStr(v.region, `${where}.region`),
    category: nullableStr(v.category, `${where}.category`),
    title: str(v.title, `${where}.title`),
    notes: str(v.notes, `${where}.notes`, true),
  };
}

function scope(v: unknown, where: string): SwotScope {
  if (v === undefined || v === null) return { type: 'company' };
  if (!isRecord(v)) throw new Invalid(`${where}: expected an object`);
  const type = oneOf(v.type, ['company', 'region', 'category'] as const, `${where}.type`);
  if (type === 'company') return { type };
  return { type, value: str(v.value, `${where}.value`) };
}

/** Only in-app view links are kept as evidence (no javascript: or foreign URLs). */
function viewLink(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = str(v, where);
  if (!/^#\/[a-z]+/.test(s)) throw new Invalid(`${where}: expected a view link starting with #/`);
  return s;
}

function swot(v: unknown, i: number): SwotCard {
  const where = `swot[${i}]`;
  if (!isRecord(v)) throw new Invalid(`${where}: expected an object`);
  const card: SwotCard = {
    id: str(v.id, `${where}.id`, true) || where,
    quadrant: oneOf(v.quadrant, QUADRANTS, `${where}.quadrant`),
    scope: scope(v.scope, `${where}.scope`),
    title: str(v.title, `${where}.title`),
    text: str(v.text, `${where}.text`, true),
  };
  const link = viewLink(v.link, `${where}.link`);
  if (link) card.link = link;
  if (v.leadership !== undefined && typeof v.leadership !== 'boolean') throw new Invalid(`${where}.leadership: expected true or false`);
  if (v.leadership === true) card.leadership = true;
  return card;
}

export function parseMarketData(json: unknown): MarketParseResult {
  try {
    if (!isRecord(json)) throw new Invalid('expected an object with competitors, events and swot');
    if (!('competitors' in json) && !('events' in json) && !('swot' in json)) throw new Invalid('no competitors, events or swot in this file');
    const events = list(json.events, 'events').map(event);
    events.sort((a, b) => a.date.localeCompare(b.date));
    return {
      ok: true,
      value: {
        competitors: list(json.competitors, 'competitors').map(competitor),
        events,
        swot: list(json.swot, 'swot').map(swot),
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}

/** Parses the text of a market JSON file (an import). */
export function parseMarketText(text: string): MarketParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  return parseMarketData(json);
}

/** The export: the same format as the import, pretty-printed. */
export function serializeMarketData(data: MarketData): string {
  return JSON.stringify(data, null, 2) + '\n';
}
