/**
 * What an embedding table costs in memory under each optimiser: read by the training
 * loop (src/models/optimizer.ts lays rows out by it) and by the Train form, which
 * tells a person before they press Train when the tables will be big.
 */
import type { FlatParams } from './types.ts';

/**
 * Optimiser state floats per row of `dim` values: Adam and AdamW keep m and v (2·dim),
 * SGD one momentum buffer (dim), row-wise Adagrad one accumulator for the whole row (1).
 * The last is why it exists: on millions of users Adam's state is two thirds of the
 * model's memory, and row-wise Adagrad is what big embedding tables are trained with
 * (FBGEMM's and TorchRec's EXACT_ROWWISE_ADAGRAD).
 */
export function slotFloats(optimizer: string, dim: number): number {
  return optimizer === 'adagrad' ? 1 : optimizer === 'sgd' ? dim : 2 * dim;
}

/** Bytes of `rows` Float32 rows of `dim` values with their optimiser state. */
export function embeddingBytes(rows: number, dim: number, optimizer: string): number {
  return rows * (dim + slotFloats(optimizer, dim)) * 4;
}

/** From this size of the user table on, the form offers row-wise Adagrad. */
export const BIG_TABLE_BYTES = 256 * 2 ** 20;
/** Row-wise Adagrad's learning rate when the form switches to it: Adam's 0.01 is too small for it (BiasMF on MovieLens-100k 80/20: 0.9156 at 0.05). */
export const ADAGRAD_LR = 0.05;

export interface TableAdvice {
  /** The user embedding table with the chosen optimiser's state, and with row-wise Adagrad's. */
  bytes: number;
  adagradBytes: number;
}

/**
 * Advice for a model with per-user embeddings (`factors` and `optimizer` among its
 * params) on `users` users: null when the table is small or already row-wise.
 */
export function tableAdvice(params: FlatParams, users: number): TableAdvice | null {
  const { factors, optimizer } = params;
  if (typeof factors !== 'number' || typeof optimizer !== 'string' || optimizer === 'adagrad') return null;
  const bytes = embeddingBytes(users, factors, optimizer);
  return bytes < BIG_TABLE_BYTES ? null : { bytes, adagradBytes: embeddingBytes(users, factors, 'adagrad') };
}
