/**
 * `prepare-workspace --audience`: the sample cut for one region and for one team. The slice's numbers
 * against native DuckDB over the full workspace (written here, not through the cutting code), and the
 * verifier shown to find what a slice must not hold.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseAudience, scopeWorkspace, scrubMarket, verifyAudience } from '../../scripts/lib/prepare/audience';
import { parseManifest } from '../../src/lib/load/sample';

const SAMPLE = path.resolve('data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function query(sql: string, attach: Record<string, string>): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    for (const [alias, folder] of Object.entries(attach)) await c.run(`ATTACH '${path.join(folder, 'workspace.duckdb')}' AS ${alias} (READ_ONLY)`);
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

describe('the sample cut for the region 华东', () => {
  const out = path.join(dir, 'east');
  beforeAll(async () => {
    await scopeWorkspace(SAMPLE, out, parseAudience('region=华东'));
  }, 60_000);

  it('holds exactly 华东’s lines, and the manifest records the audience', async () => {
    const [full] = await query("SELECT count(*) AS n, sum(amount) AS v FROM ws.sales WHERE region = '华东'", { ws: SAMPLE });
    const [slice] = await query('SELECT count(*) AS n, sum(amount) AS v, list(DISTINCT region) AS regions FROM ws.sales', { ws: out });
    expect(Number(slice.n)).toBe(Number(full.n));
    expect(Number(slice.v)).toBeCloseTo(Number(full.v), 2);
    expect(slice.regions).toEqual(['华东']);
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(out, 'workspace.json'), 'utf8')));
    expect(manifest.audience?.dimension).toBe('region');
    expect(manifest.audience?.values).toEqual(['华东']);
  });

  it('pro-rates the company target by 华东’s share of the fiscal year before (its first year: of that year)', async () => {
    const byYear = await query("SELECT year(date) AS y, sum(amount) FILTER (WHERE region = '华东') AS part, sum(amount) AS whole FROM ws.sales GROUP BY 1 ORDER BY 1", { ws: SAMPLE });
    const share = new Map(byYear.map((r) => [Number(r.y), Number(r.part) / Number(r.whole)]));
    const full = await query("SELECT period::VARCHAR AS p, version, amount FROM ws.targets WHERE unit_type = 'company' ORDER BY 1, 2", { ws: SAMPLE });
    const slice = await query("SELECT period::VARCHAR AS p, version, amount FROM ws.targets WHERE unit_type = 'company' ORDER BY 1, 2", { ws: out });
    expect(slice.length).toBe(full.length);
    const first = Math.min(...share.keys());
    for (const [i, row] of full.entries()) {
      const y = Number(String(row.p).slice(0, 4));
      const s = share.get(y - 1) ?? share.get(first)!;
      expect(Number(slice[i].amount)).toBeCloseTo(Math.round(Number(row.amount) * s * 100) / 100, 2);
    }
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(out, 'workspace.json'), 'utf8')));
    expect(manifest.audience?.companyShares.find((x) => x.fiscalYear === 2026)?.share).toBeCloseTo(share.get(2025)!, 10);
  });

  it('keeps the targets of reps whose every territory is 华东, and no team’s', async () => {
    const inside = await query(
      "SELECT rep FROM ws.rep_regions GROUP BY rep HAVING bool_and(region = '华东') ORDER BY rep",
      { ws: SAMPLE },
    );
    const kept = await query("SELECT DISTINCT unit FROM ws.targets WHERE unit_type = 'rep' ORDER BY unit", { ws: out });
    expect(kept.map((r) => r.unit)).toEqual(inside.map((r) => r.rep));
    const [teams] = await query("SELECT count(*) AS n FROM ws.targets WHERE unit_type = 'team'", { ws: out });
    expect(Number(teams.n)).toBe(0); // every team of the sample also sells outside 华东
  });

  it('verifies clean, and the verifier finds a leaked value, a leaked name in text and a row of an outside rep', async () => {
    expect(await verifyAudience(out, SAMPLE)).toEqual([]);
    const leaky = path.join(dir, 'leaky');
    fs.cpSync(out, leaky, { recursive: true });
    const instance = await DuckDBInstance.create(path.join(leaky, 'workspace.duckdb'));
    const c = await instance.connect();
    await c.run("INSERT INTO market_size VALUES (DATE '2026-01-01', '华北', 1)");
    await c.run("UPDATE target_versions SET reason = '西北下调' WHERE version = 1 AND fiscal_year = 2023");
    await c.run("INSERT INTO targets VALUES (DATE '2026-01-01', 'rep', '郭鹏', 1, 1)"); // 郭鹏 also covers 华中
    c.closeSync();
    instance.closeSync();
    fs.writeFileSync(path.join(leaky, 'notes.txt'), '华南 is next');
    const problems = (await verifyAudience(leaky, SAMPLE)).map((p) => `${p.where}: ${p.what}`);
    expect(problems).toContain('market_size.region: names region outside the audience: 华北');
    expect(problems).toContain('target_versions.reason: names region outside the audience: 西北下调');
    expect(problems).toContain('targets.unit: a rep row of 郭鹏, who also sells outside the audience');
    expect(problems).toContain('notes.txt: names region outside the audience: 华南');
  });

  it('keeps untagged market events and those of 华东, and text that names no other region', () => {
    const market = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'market.json'), 'utf8')) as { events: { id: string; region: string | null }[] };
    const scoped = JSON.parse(fs.readFileSync(path.join(out, 'market.json'), 'utf8')) as { events: { id: string }[] };
    expect(scoped.events.map((e) => e.id)).toEqual(market.events.filter((e) => e.region === null || e.region === '华东').map((e) => e.id));
  });
});

describe('the sample cut for a team', () => {
  it('holds the team’s lines, its reps’ targets and its own, and verifies clean', async () => {
    const out = path.join(dir, 'south');
    await scopeWorkspace(SAMPLE, out, parseAudience('team=南方团队'));
    const [full] = await query("SELECT sum(amount) AS v FROM ws.sales WHERE team = '南方团队'", { ws: SAMPLE });
    const [slice] = await query('SELECT sum(amount) AS v FROM ws.sales', { ws: out });
    expect(Number(slice.v)).toBeCloseTo(Number(full.v), 2);
    const fullTargets = await query("SELECT unit_type, unit, sum(amount) AS v FROM ws.targets WHERE (unit_type = 'team' AND unit = '南方团队') OR (unit_type = 'rep' AND unit IN (SELECT rep FROM ws.org WHERE team = '南方团队')) GROUP BY ALL ORDER BY ALL", { ws: SAMPLE });
    const sliceTargets = await query("SELECT unit_type, unit, sum(amount) AS v FROM ws.targets WHERE unit_type <> 'company' GROUP BY ALL ORDER BY ALL", { ws: out });
    expect(sliceTargets.map((r) => [r.unit_type, r.unit, Number(r.v)])).toEqual(fullTargets.map((r) => [r.unit_type, r.unit, Number(r.v)]));
    expect(await verifyAudience(out, SAMPLE)).toEqual([]);
  });
});

describe('parsing and scrubbing', () => {
  it('reads --audience values and refuses what it cannot scope', () => {
    expect(parseAudience('region=华东, 华南')).toEqual({ dimension: 'region', values: ['华东', '华南'] });
    expect(() => parseAudience('customer=ACME')).toThrow(/dimension among region, team, rep, channel, category/);
    expect(() => parseAudience('region=')).toThrow();
  });

  it('drops items tagged outside, other regions’ keys and text naming them', () => {
    const market = {
      competitors: [{ name: 'A', share: { 华东: 0.2, 华南: 0.3 }, strengths: ['华南仓储近', '品牌强'], notes: '在华北降价' }],
      events: [{ id: 'a', region: null }, { id: 'b', region: '华南' }, { id: 'c', region: '华东' }],
      swot: [{ id: 's', scope: { type: 'region', value: '西北' } }, { id: 't', scope: { type: 'company' } }],
    };
    const { value, removed } = scrubMarket(market, { dimension: 'region', values: ['华东'] }, new Set(['华南', '华北', '西北']));
    expect(value).toEqual({
      competitors: [{ name: 'A', share: { 华东: 0.2 }, strengths: ['品牌强'], notes: '' }],
      events: [{ id: 'a', region: null }, { id: 'c', region: '华东' }],
      swot: [{ id: 't', scope: { type: 'company' } }],
    });
    expect(removed).toBe(5);
  });
});
