import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applyRecipe } from '../ingest/filter.ts';
import { importRatings } from '../ingest/import.ts';
import type { RatingsTable } from '../ratings.ts';
import { findAlgorithm, paramError } from '../registry/index.ts';
import { evaluationFolds, normalizeEvaluation } from '../selection/evaluation.ts';
import { isRankMeasure, MEASURES } from '../selection/search.ts';
import { STUDY_PRESETS } from './presets.ts';

const sampleUrl = (name: string) => new URL(`../../../public/samples/${name}`, import.meta.url);
const tables = new Map<string, Promise<RatingsTable>>();
function sample(name: string): Promise<RatingsTable> {
  if (!tables.has(name)) {
    const stream = Readable.toWeb(createReadStream(sampleUrl(name))) as ReadableStream<Uint8Array>;
    tables.set(name, importRatings(stream, { fileName: name }).then((r) => r.table));
  }
  return tables.get(name)!;
}

describe('the study presets', () => {
  it('have unique ids and name their data', () => {
    expect(new Set(STUDY_PRESETS.map((p) => p.id)).size).toBe(STUDY_PRESETS.length);
    for (const p of STUDY_PRESETS) {
      expect(p.data.files.length, p.id).toBeGreaterThan(0);
      expect(p.runs.length, p.id).toBeGreaterThan(1);
    }
  });

  it.each(STUDY_PRESETS.map((p) => [p.id, p] as const))('%s: every model and parameter is in the registry, in range', (_, p) => {
    for (const run of p.runs) {
      const spec = findAlgorithm(run.algo);
      for (const [key, value] of Object.entries(run.params)) {
        const param = spec.params.find((x) => x.key === key);
        expect(param, `${p.id}: ${run.algo} has no parameter ${key}`).toBeDefined();
        expect(paramError(param!, value), `${p.id}: ${run.algo}.${key}`).toBeNull();
      }
      if (spec.ranksOnly) expect(p.ranking, `${p.id}: ${run.algo} only ranks`).not.toBeNull();
    }
    // Two runs of one model differ in their settings: the comparison tells them apart.
    const keys = p.runs.map((r) => `${r.algo} ${JSON.stringify(r.params)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(STUDY_PRESETS.map((p) => [p.id, p] as const))('%s: names metrics the lab computes for its runs', (_, p) => {
    expect(p.metrics.length).toBeGreaterThan(0);
    for (const m of p.metrics) {
      expect(MEASURES, `${p.id}: ${m}`).toContain(m);
      if (isRankMeasure(m)) expect(p.ranking, `${p.id}: ${m} needs the ranking`).not.toBeNull();
      else expect(p.runs.some((r) => !findAlgorithm(r.algo).ranksOnly), `${p.id}: ${m} needs a model that predicts ratings`).toBe(true);
    }
    if (p.ranking) expect(Number.isInteger(p.ranking.k) && p.ranking.k >= 1).toBe(true);
  });

  it.each(STUDY_PRESETS.map((p) => [p.id, p] as const))('%s: its filter and evaluation run on its bundled sample', async (_, p) => {
    expect(existsSync(sampleUrl(p.sample)), p.sample).toBe(true);
    const ev = normalizeEvaluation(p.evaluation);
    expect(ev.kind).not.toBe('predefined');
    let table = await sample(p.sample);
    if (p.filter) {
      // applyRecipe refuses a verified-only filter on a table without the column.
      table = applyRecipe(table, p.filter).table;
      expect(table.rating.length, 'rows left after the filter').toBeGreaterThan(100);
    }
    const folds = evaluationFolds(table, ev);
    for (const fold of folds) {
      expect(fold.train.length).toBeGreaterThan(0);
      expect(fold.test.length).toBeGreaterThan(0);
    }
  });
});
