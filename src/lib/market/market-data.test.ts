import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarketData, parseMarketText, serializeMarketData } from './market-data';
import { eventsInView } from './annotations';

const sample = JSON.parse(readFileSync(new URL('../../../data/market.json', import.meta.url), 'utf8'));

describe('parseMarketData', () => {
  it('reads the sample market.json', () => {
    const r = parseMarketData(sample);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.competitors.map((c) => c.name)).toEqual(['极光电子', '蓝鲸数码', '北辰科技', '云雀智能']);
    expect(r.value.competitors[1].share['华南']).toBe(0.2);
    expect(r.value.events).toHaveLength(4);
    expect(r.value.swot).toHaveLength(12);
    expect(r.value.swot.filter((s) => s.quadrant === 'threat').map((s) => s.id)).toContain('swot-t-pricewar');
  });

  it('round-trips through the export format', () => {
    const r = parseMarketData(sample);
    if (!r.ok) throw new Error(r.error);
    const again = parseMarketText(serializeMarketData(r.value));
    expect(again).toEqual(r);
  });

  it('gives a specific error for bad fields, never throws', () => {
    expect(parseMarketText('{')).toMatchObject({ ok: false });
    expect(parseMarketData(null)).toMatchObject({ ok: false });
    expect(parseMarketData({ foo: 1 })).toMatchObject({ ok: false, error: 'no competitors, events or swot in this file' });
    expect(parseMarketData({ competitors: [{ name: 'X', priceLevel: 'cheap' }] })).toMatchObject({ ok: false, error: expect.stringContaining('competitors[0].priceLevel') });
    expect(parseMarketData({ competitors: [{ name: 'X', priceLevel: 'mid', share: { 华东: 1.5 } }] })).toMatchObject({ ok: false, error: expect.stringContaining('share') });
    expect(parseMarketData({ events: [{ date: '2025-13-01', kind: 'launch', title: 't' }] })).toMatchObject({ ok: false, error: expect.stringContaining('events[0].date') });
    expect(parseMarketData({ events: [{ date: '2025-07-01', end: '2025-06-01', kind: 'launch', title: 't' }] })).toMatchObject({ ok: false });
    expect(parseMarketData({ swot: [{ quadrant: 'strength', title: 't', link: 'javascript:alert(1)' }] })).toMatchObject({ ok: false, error: expect.stringContaining('link') });
  });

  it('keeps a SWOT card’s mark for leadership, and refuses a mark that is not true or false', () => {
    const r = parseMarketData({ swot: [{ quadrant: 'threat', title: 'a', leadership: true }, { quadrant: 'threat', title: 'b', leadership: false }, { quadrant: 'threat', title: 'c' }] });
    expect(r.ok && r.value.swot.map((c) => c.leadership ?? null)).toEqual([true, null, null]);
    expect(parseMarketData({ swot: [{ quadrant: 'strength', title: 't', leadership: 'yes' }] })).toMatchObject({ ok: false, error: expect.stringContaining('leadership') });
  });

  it('keeps a SWOT card’s view link as evidence', () => {
    const r = parseMarketData({ swot: [{ quadrant: 'threat', title: 't', link: '#/regions?period=all' }] });
    expect(r.ok && r.value.swot[0]).toMatchObject({ link: '#/regions?period=all', scope: { type: 'company' } });
  });
});

describe('eventsInView', () => {
  const r = parseMarketData(sample);
  if (!r.ok) throw new Error(r.error);
  const events = r.value.events;
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('keeps events overlapping the span', () => {
    expect(ids(eventsInView(events, { start: '2025-01-01', end: '2025-12-31' }, {}))).toEqual(['ev-2025-yunque-watch-launch', 'ev-2025q3-lanjing-earbuds-south']);
    // The promotion ends 2025-09-30: a span starting that day still shows it, the next day not.
    expect(ids(eventsInView(events, { start: '2025-09-30', end: '2025-12-31' }, {}))).toEqual(['ev-2025q3-lanjing-earbuds-south']);
    expect(ids(eventsInView(events, { start: '2025-10-01', end: '2025-12-31' }, {}))).toEqual([]);
  });

  it('matches the scope against the region and category filters', () => {
    const span = { start: '2023-01-01', end: '2026-12-31' };
    // 华东 only: the 华南 promotion and the 华北 price cut are hidden; the nationwide launches stay.
    expect(ids(eventsInView(events, span, { region: ['华东'] }))).toEqual(['ev-2024-jiguang-flagship-launch', 'ev-2025-yunque-watch-launch']);
    expect(ids(eventsInView(events, span, { region: ['华南'], category: ['耳机'] }))).toEqual(['ev-2025q3-lanjing-earbuds-south']);
    expect(ids(eventsInView(events, span, { category: ['电脑'] }))).toEqual(['ev-2026-beichen-laptop-cut-north']);
  });
});

describe('eventMarks', () => {
  it('draws ranged events as bands and one-off events as rules, clipped to the chart', async () => {
    const { eventMarks } = await import('./annotations');
    const r = parseMarketData(sample);
    if (!r.ok) throw new Error(r.error);
    const span = { start: '2025-08-01', end: '2025-12-01' };
    const [bands, rules] = eventMarks(eventsInView(r.value.events, span, {}), span) as unknown as { data: { x1: Date; x2: Date }[] }[];
    // The promotion (2025-07-01 … 09-30) starts before the chart: its band starts at the chart's first day.
    expect(bands.data.map((d) => [d.x1.toISOString().slice(0, 10), d.x2.toISOString().slice(0, 10)])).toEqual([['2025-08-01', '2025-09-30']]);
    expect(rules.data).toEqual([]);
    // Events of a longer chart drawn on this one: those wholly outside the span are left out, not piled at its edge.
    const [allBands, allRules] = eventMarks(r.value.events, span) as unknown as { data: unknown[] }[];
    expect(allBands.data).toHaveLength(1);
    expect(allRules.data).toHaveLength(0);
  });

  it('in small multiples by region, a regional event is drawn in its own facet only; a nationwide one in every facet', async () => {
    const { eventMarks } = await import('./annotations');
    const r = parseMarketData(sample);
    if (!r.ok) throw new Error(r.error);
    const span = { start: '2025-01-01', end: '2025-12-31' };
    const shown = eventsInView(r.value.events, span, {});
    const facets = { dim: 'region' as const, names: ['华东', '华南', '(blank)'], name: (m: string) => m };
    const [bands, rules] = eventMarks(shown, span, facets) as unknown as { data: { title: string; fy: string }[] }[];
    const promo = shown.find((e) => e.region === '华南' && e.end !== null)!;
    expect(bands.data.filter((d) => d.title === promo.title).map((d) => d.fy)).toEqual(['华南']);
    const nationwide = shown.filter((e) => e.region === null && e.end === null);
    expect(nationwide.length).toBeGreaterThan(0);
    for (const e of nationwide) expect(rules.data.filter((d) => d.title === e.title).map((d) => d.fy)).toEqual(['华东', '华南', '(blank)']);
  });
});

describe('monthSpan', () => {
  it('covers whole months, in any order', async () => {
    const { monthSpan } = await import('./annotations');
    expect(monthSpan(['2025-03-01', '2024-02-01', '2024-12-01'])).toEqual({ start: '2024-02-01', end: '2025-03-31' });
    expect(monthSpan(['2024-02-01'])).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthSpan([])).toBeNull();
  });
});

