/**
 * The hybrid re-ranking [seed 001], side by side with the model's own list: the
 * model's top-C candidates re-ranked by how much each title reads like the titles the
 * user rated (TF-IDF cosine), each item with its model score and similarity, and
 * where it moved.
 */
import { useId } from 'react';
import type { HybridItem, HybridRecommendations } from '../../workers/protocol.ts';
import { fmtInt } from '../common/format.ts';
import { NumberField } from '../common/NumberField.tsx';
import { ItemList, type Column } from './ItemList.tsx';

export interface HybridSettings {
  candidates: number;
  keep: number;
}

export const HYBRID_DEFAULTS: HybridSettings = { candidates: 100, keep: 5 };

type Move = { text: string; label: string };

/** Where an item of the re-ranked list came from, against the model's top `keep`. */
function cameFrom(it: HybridItem, keep: number): Move {
  const d = it.modelRank - it.hybridRank;
  if (it.modelRank > keep) return { text: `new, was #${it.modelRank}`, label: `up from the model's place ${it.modelRank}, beyond its top ${keep}` };
  if (d > 0) return { text: `▲ ${d}`, label: `up ${d} from the model's place ${it.modelRank}` };
  if (d < 0) return { text: `▼ ${-d}`, label: `down ${-d} from the model's place ${it.modelRank}` };
  return { text: '=', label: "the model's place" };
}

/** Where an item of the model's list went after re-ranking. */
function wentTo(it: HybridItem, keep: number): Move {
  const d = it.modelRank - it.hybridRank;
  if (it.hybridRank > keep) return { text: `out, now #${it.hybridRank}`, label: `re-ranked to place ${it.hybridRank}, out of the top ${keep}` };
  if (d > 0) return { text: `▲ ${d}`, label: `re-ranked up ${d} to place ${it.hybridRank}` };
  if (d < 0) return { text: `▼ ${-d}`, label: `re-ranked down ${-d} to place ${it.hybridRank}` };
  return { text: '=', label: 'the same place after re-ranking' };
}

/** The columns both lists show; `moves` says where each item went or came from. */
function columns(moves: (it: HybridItem) => Move): Column<HybridItem>[] {
  return [
    { head: 'Model score', num: true, testId: 'score', cell: (it) => it.score.toFixed(3) },
    { head: 'Similarity', num: true, testId: 'similarity', cell: (it) => it.similarity.toFixed(3) },
    {
      head: 'Moved',
      cell: (it) => {
        const m = moves(it);
        return (
          <span className={m.text === '=' ? undefined : 'moved'} aria-label={m.label} title={m.label}>
            {m.text}
          </span>
        );
      },
    },
  ];
}

interface Props {
  result: HybridRecommendations | undefined;
  settings: HybridSettings;
  onSettings(s: HybridSettings): void;
  /** Whether the dataset has titles to compare (otherwise every similarity is 0). */
  titled: boolean;
  /** Test ids start with this, and the heading says whose list it is: the visitor's own can show beside a user's. */
  testId?: string;
  heading?: string;
}

export function HybridList({ result, settings, onSettings, titled, testId = 'hybrid', heading = 'Re-ranked by title similarity (hybrid)' }: Props) {
  // Moves are read against the list as computed (a new setting may still be on its way).
  const keep = result?.model.length ?? settings.keep;
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{heading}</h3>
      <div className="train-controls">
        <NumberField label="Candidates (C)" value={settings.candidates} min={1} max={1000} integer onChange={(candidates) => onSettings({ ...settings, candidates })} testId={`${testId}-candidates`} />
        <NumberField label="Keep (N)" value={settings.keep} min={1} max={100} integer onChange={(n) => onSettings({ ...settings, keep: n })} testId={`${testId}-keep`} />
      </div>
      <p className="hint">
        The model's top {fmtInt(settings.candidates)} unseen items (by its score before clipping; equal scores by item id) are re-ranked by the cosine similarity of their
        title's TF-IDF vector to the user's profile — the sum of the titles they rated, each weighted by its rating — and the first {fmtInt(settings.keep)} kept. Equal similarities keep
        the model's order. TF-IDF follows scikit-learn's defaults (lowercase, words of 2+ letters or digits, smooth idf, unit vectors){result ? ` over ${fmtInt(result.corpus)} titles of the training catalog` : ''}.
      </p>
      {!titled && <p className="hint">This dataset has no titles attached: every similarity is 0, so the model's order stands. Attach a metadata file on the Data screen.</p>}
      {result && (
        <>
          <p className="hint" data-testid={`${testId}-profile`}>
            {result.profileWords.length
              ? `The profile's heaviest words: ${result.profileWords.join(', ')}.`
              : "No title word in the items rated: the profile is empty, every similarity is 0 and the model's order stands."}
            {result.candidates < settings.candidates && ` Only ${fmtInt(result.candidates)} candidates were left to re-rank.`}
          </p>
          <div className="hybrid-lists">
            <ItemList items={result.model} columns={columns((it) => wentTo(it, keep))} caption={`Model's top ${fmtInt(result.model.length)}`} testId={`${testId}-model`} />
            <ItemList items={result.hybrid} columns={columns((it) => cameFrom(it, keep))} caption={`Re-ranked top ${fmtInt(result.hybrid.length)}`} testId={`${testId}-reranked`} />
          </div>
        </>
      )}
    </section>
  );
}
