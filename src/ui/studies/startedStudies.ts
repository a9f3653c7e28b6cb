/**
 * The studies started in this browser (by preset id: the dataset and run ids), kept
 * in localStorage so that a card's progress survives a reload as its runs do. What
 * is read back is checked: a hand-edited or older entry is dropped, not trusted.
 */
export interface StartedStudy {
  datasetId: string;
  runIds: string[];
}

const KEY = 'reclab.studies';

export function parseStartedStudies(text: string | null): Record<string, StartedStudy> {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, StartedStudy> = {};
  for (const [id, s] of Object.entries(v as Record<string, unknown>)) {
    const study = s as Partial<StartedStudy> | null;
    if (study && typeof study.datasetId === 'string' && Array.isArray(study.runIds) && study.runIds.every((r) => typeof r === 'string')) {
      out[id] = { datasetId: study.datasetId, runIds: study.runIds };
    }
  }
  return out;
}

export function readStartedStudies(): Record<string, StartedStudy> {
  return parseStartedStudies(localStorage.getItem(KEY));
}

export function keepStartedStudies(studies: Record<string, StartedStudy>): void {
  localStorage.setItem(KEY, JSON.stringify(studies));
}
