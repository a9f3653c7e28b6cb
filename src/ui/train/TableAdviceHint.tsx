/**
 * Before a big fit: how much the user embeddings will take with the chosen optimiser,
 * and a one-click switch to row-wise Adagrad, which keeps a third of Adam's memory.
 */
import { ADAGRAD_LR, tableAdvice } from '../../core/registry/embeddingMemory.ts';
import type { FlatParams, ParamValue } from '../../core/registry/index.ts';
import { fmtBytes, fmtInt } from '../common/format.ts';

const OPTIMIZER_NAMES: Record<string, string> = { adam: 'Adam', adamw: 'AdamW', sgd: 'SGD with momentum' };

export function TableAdviceHint({ params, users, setParams }: { params: FlatParams; users: number; setParams: (values: Record<string, ParamValue>) => void }) {
  const advice = tableAdvice(params, users);
  if (!advice) return null;
  return (
    <div className="warn" data-testid="table-advice">
      <p>
        {fmtInt(users)} users × {String(params.factors)} factors: with {OPTIMIZER_NAMES[String(params.optimizer)]} the user embeddings and their optimiser state take{' '}
        {fmtBytes(advice.bytes)} in the training worker (the item side and the table come on top). Row-wise Adagrad keeps one value per row instead of{' '}
        {params.optimizer === 'sgd' ? 'one' : 'two'} per weight: {fmtBytes(advice.adagradBytes)}, and each step moves less memory.
      </p>
      <button type="button" onClick={() => setParams({ optimizer: 'adagrad', lr: ADAGRAD_LR })}>
        Use row-wise Adagrad (learning rate {ADAGRAD_LR})
      </button>
    </div>
  );
}
