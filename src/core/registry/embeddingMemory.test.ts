import { describe, expect, it } from 'vitest';
import { BIG_TABLE_BYTES, embeddingBytes, slotFloats, tableAdvice } from './embeddingMemory.ts';
import { defaultParams } from './params.ts';
import { findAlgorithm } from './index.ts';

describe('embedding memory', () => {
  it('counts each optimiser’s state per row', () => {
    expect(slotFloats('adam', 32)).toBe(64);
    expect(slotFloats('adamw', 32)).toBe(64);
    expect(slotFloats('sgd', 32)).toBe(32);
    expect(slotFloats('adagrad', 32)).toBe(1);
    // issue 12's table: 4.2M users × 32 factors, Adam: 1.6 GB; row-wise Adagrad: 0.55 GB.
    expect(embeddingBytes(4_200_000, 32, 'adam')).toBe(4_200_000 * 96 * 4);
    expect(embeddingBytes(4_200_000, 32, 'adagrad')).toBe(4_200_000 * 33 * 4);
  });

  it('advises row-wise Adagrad only for big user tables of models with factors and an optimiser', () => {
    const bias = defaultParams(findAlgorithm('BiasMF'));
    expect(tableAdvice(bias, 1000)).toBeNull();
    const users = Math.ceil(BIG_TABLE_BYTES / embeddingBytes(1, bias.factors as number, 'adam'));
    expect(tableAdvice(bias, users - 1)).toBeNull();
    expect(tableAdvice(bias, users)).toEqual({ bytes: embeddingBytes(users, 32, 'adam'), adagradBytes: embeddingBytes(users, 32, 'adagrad') });
    expect(tableAdvice({ ...bias, optimizer: 'adagrad' }, 10 * users)).toBeNull();
    expect(tableAdvice(defaultParams(findAlgorithm('SVD')), 10 * users)).toBeNull();
    expect(tableAdvice(defaultParams(findAlgorithm('AutoRec')), 10 * users)).toBeNull();
  });
});
