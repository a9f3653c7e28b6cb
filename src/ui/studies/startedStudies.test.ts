import { describe, expect, it } from 'vitest';
import { parseStartedStudies } from './startedStudies.ts';

describe('parseStartedStudies', () => {
  it('reads back what was kept', () => {
    const kept = { vignette: { datasetId: 'd1', runIds: ['r1', 'r2'] } };
    expect(parseStartedStudies(JSON.stringify(kept))).toEqual(kept);
  });

  it('drops what is not a started study, and survives broken text', () => {
    expect(parseStartedStudies(null)).toEqual({});
    expect(parseStartedStudies('{oops')).toEqual({});
    expect(parseStartedStudies('[1,2]')).toEqual({});
    const text = JSON.stringify({ a: { datasetId: 'd', runIds: ['r'] }, b: { datasetId: 3, runIds: [] }, c: { datasetId: 'd', runIds: [1] }, d: null });
    expect(parseStartedStudies(text)).toEqual({ a: { datasetId: 'd', runIds: ['r'] } });
  });
});
