/**
 * The lab: a header and its screens — Data (add, list, pick datasets), Explore,
 * Train (train models, watch curves, compare), Recommend, Studies (each seed
 * study set up in one click) and History (every dataset's runs). The UI computes
 * nothing itself: it talks to the workers and reads storage.
 */
import { useCallback, useEffect, useState } from 'react';
import { deleteDataset, listDatasets, renameDataset, type DatasetRecord } from '../storage/datasets.ts';
import { proxy } from '../workers/client.ts';
import { downloadBlob } from './common/download.ts';
import { errorMessage, fmtBytes } from './common/format.ts';
import { DatasetList } from './data/DatasetList.tsx';
import { FilterPanel } from './data/FilterPanel.tsx';
import { useDataWorker } from './data/useDataWorker.ts';
import { findLinked, linkedFile, linkOf } from './data/datasetLink.ts';
import { LinkNotice } from './data/LinkNotice.tsx';
import { ImportPanel } from './data/ImportPanel.tsx';
import { ScalePanel } from './data/ScalePanel.tsx';
import { useImport } from './data/useImport.ts';
import { ExploreScreen } from './explore/ExploreScreen.tsx';
import { HistoryScreen } from './history/HistoryScreen.tsx';
import { Header, type StorageInfo } from './Header.tsx';
import { RecommendScreen } from './recommend/RecommendScreen.tsx';
import { StudiesScreen } from './studies/StudiesScreen.tsx';
import { keepStartedStudies, readStartedStudies, type StartedStudy } from './studies/startedStudies.ts';
import { TrainScreen } from './train/TrainScreen.tsx';
import { useTrainer } from './train/useTrainer.ts';
import { datasetFromQuery, pageQuery, SCREENS, screenFromQuery, updateLab, type Screen } from './labState.ts';

const SCREEN_LABELS: Record<Screen, string> = { data: 'Data', explore: 'Explore', train: 'Train & compare', recommend: 'Recommend', studies: 'Studies', history: 'History' };
/** Screens that work without a dataset: Data adds one, a study loads the bundled sample itself, History lists every dataset's runs. */
const needsDataset = (s: Screen): boolean => s !== 'data' && s !== 'studies' && s !== 'history';
const SELECTED_KEY = 'reclab.selectedDataset';

async function readStorage(): Promise<StorageInfo | null> {
  if (!navigator.storage?.estimate) return null;
  const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([
    navigator.storage.estimate(),
    navigator.storage.persisted?.() ?? Promise.resolve(false),
  ]);
  return { usage, quota, persisted };
}

export function App() {
  const [datasets, setDatasets] = useState<DatasetRecord[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(() => localStorage.getItem(SELECTED_KEY));
  const [screen, setScreenState] = useState<Screen>(() => screenFromQuery(pageQuery()) ?? 'data');
  /** The dataset the page's link names, until it is found (or set aside). */
  const [link, setLink] = useState(() => datasetFromQuery(pageQuery()));
  const setScreen = useCallback((s: Screen) => {
    setScreenState(s);
    // Moving on from a link whose dataset is missing sets the link aside.
    setLink(null);
    updateLab({ screen: s });
  }, []);
  /**
   * Bumped by an action that swaps the screen away under the focused button ("Use",
   * "Train models on …"): focus then goes to the new screen's heading, not the page.
   */
  const [moved, setMoved] = useState(0);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trainer = useTrainer();
  const dataWorker = useDataWorker();
  /** The studies started in this browser, by preset id, for their progress (kept across a reload, as their runs are). */
  const [studies, setStudies] = useState<Record<string, StartedStudy>>(readStartedStudies);

  const refresh = useCallback(async () => {
    try {
      setDatasets(await listDatasets());
      setStorage(await readStorage());
    } catch (err) {
      setError(`Could not read the lab's storage: ${errorMessage(err)}`);
    }
  }, []);

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    if (id) localStorage.setItem(SELECTED_KEY, id);
    else localStorage.removeItem(SELECTED_KEY);
  }, []);

  const onImported = useCallback(
    (record: DatasetRecord) => {
      select(record.id);
      void navigator.storage?.persist?.();
      void refresh();
    },
    [refresh, select],
  );
  const importer = useImport(onImported);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const selected = datasets?.find((d) => d.id === selectedId) ?? datasets?.[datasets.length - 1] ?? null;

  // A link's dataset, once stored (at once, or after an import), becomes the selected one.
  const linked = link && datasets ? findLinked(link, datasets) : null;
  useEffect(() => {
    if (!linked) return;
    select(linked.id);
    setLink(null);
  }, [linked, select]);
  /** The link names a dataset this browser lacks: the Data screen says which, whatever screen the link is for. */
  const missing = link !== null && datasets !== null && !linked;
  // Screens that need a dataset show Data without one (a fresh browser).
  const shown: Screen = missing || (datasets !== null && !selected && needsDataset(screen)) ? 'data' : screen;
  // The selected dataset in the URL, so that a copied link names it.
  useEffect(() => {
    if (link || !datasets) return;
    updateLab({ dataset: selected ? linkOf(selected, datasets) : null });
  }, [link, selected, datasets]);

  useEffect(() => {
    if (moved === 0) return;
    const heading = document.querySelector<HTMLElement>('main h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [moved]);

  // Leaving a screen ends its data worker (once idle): a table it read stays out of training's memory.
  const releaseData = dataWorker.release;
  useEffect(() => releaseData, [shown, releaseData]);
  // The Train screen's dataset is read into the training worker as the screen opens, while a
  // person picks a model, and let go when it closes.
  const keepTable = trainer.keepTable;
  const trainOn = shown === 'train' && selected ? selected.id : null;
  useEffect(() => keepTable(trainOn), [trainOn, keepTable]);

  /** The Train screen on a dataset just made or named (once the list holds it), focus on its heading. */
  const openTrain = (datasetId: string) =>
    void refresh().then(() => {
      select(datasetId);
      setScreen('train');
      setMoved((n) => n + 1);
    });

  const act = (work: () => Promise<void>) => async () => {
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    }
    await refresh();
  };

  return (
    <>
      <Header
        backend={trainer.backend}
        preference={trainer.preference}
        onPreference={trainer.busy ? undefined : trainer.setPreference}
        storage={storage}
        workerStarts={trainer.workerStarts}
        onMeasureAgain={trainer.busy ? undefined : trainer.measureAgain}
      />
      <nav className="tabs" aria-label="Screens">
        {SCREENS.map((s) => (
          <button key={s} type="button" aria-current={shown === s ? 'page' : undefined} onClick={() => setScreen(s)} disabled={needsDataset(s) && !selected}>
            {SCREEN_LABELS[s]}
          </button>
        ))}
      </nav>
      <main>
        {error && (
          <p role="alert" className="error">
            {error} <button type="button" onClick={() => setError(null)}>Dismiss</button>
          </p>
        )}
        {notice && (
          <p role="status" className="ok" data-testid="notice">
            {notice}
          </p>
        )}
        {shown === 'data' && (
          <>
            {missing && (
              <LinkNotice
                link={link}
                file={linkedFile(link, datasets)}
                busy={importer.state.phase === 'running'}
                onImport={(req) => void importer.start(req)}
                onFilter={(file) =>
                  void act(async () => {
                    // The link's filters, in order, from the stored file; the last one takes the link's name.
                    let from = file;
                    for (const [k, f] of link.filters.entries()) {
                      from = await dataWorker.get().saveFiltered(from.id, f, k === link.filters.length - 1 ? link.name : `${from.name} (filtered)`);
                    }
                  })()
                }
                onDismiss={() => {
                  updateLab({ dataset: null });
                  setScreen('data');
                }}
              />
            )}
            <ImportPanel
              state={importer.state}
              loaded={(fileName) => !!datasets?.some((d) => d.source.fileName === fileName)}
              onImport={(req) => void importer.start(req)}
              onCancel={importer.cancel}
            />
            <section className="panel" aria-labelledby="datasets-title">
              <h2 id="datasets-title">Datasets</h2>
              {datasets === null ? (
                <p className="hint">Reading storage…</p>
              ) : (
                <DatasetList
                  datasets={datasets}
                  selectedId={selected?.id ?? null}
                  onSelect={(id) => {
                    select(id);
                    setScreen('train');
                    setMoved((n) => n + 1);
                  }}
                  onRename={(id, name) => void act(() => renameDataset(id, name))()}
                  onAttachTitles={(id, file) =>
                    void act(async () => {
                      setNotice(`Reading ${file.name}…`);
                      const outcome = await dataWorker.get().attachMetadata(id, file, file.name, proxy((p) => setNotice(`Reading ${file.name}: ${fmtBytes(p.bytesRead)}${p.totalBytes ? ` of ${fmtBytes(p.totalBytes)}` : ''}…`)));
                      setNotice(null);
                      if (outcome.ok) setNotice(`Titles attached: ${outcome.message}`);
                      else setError(outcome.message);
                    })()
                  }
                  onExport={(id) =>
                    void act(async () => {
                      const name = datasets.find((d) => d.id === id)?.name ?? 'ratings';
                      downloadBlob(await dataWorker.get().exportCsv(id), `${name.replace(/[^\w.-]+/g, '_')}.csv`);
                    })()
                  }
                  onDelete={(id) =>
                    void act(async () => {
                      await deleteDataset(id);
                      if (id === selectedId) select(null);
                    })()
                  }
                />
              )}
              {selected && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setScreen('train');
                    setMoved((n) => n + 1);
                  }}
                >
                  Train models on “{selected.name}”
                </button>
              )}
            </section>
            {selected && <FilterPanel key={selected.id} dataset={selected} worker={dataWorker} onSaved={onImported} />}
            <ScalePanel
              dataset={selected}
              datasets={datasets ?? []}
              worker={dataWorker}
              onImported={(record, runs) => {
                trainer.adopt(runs);
                onImported(record);
              }}
            />
          </>
        )}
        {shown === 'explore' && selected && datasets && <ExploreScreen key={selected.id} dataset={selected} datasets={datasets} worker={dataWorker} />}
        {shown === 'train' && selected && datasets && <TrainScreen dataset={selected} datasets={datasets} trainer={trainer} />}
        {shown === 'history' && datasets && (
          <HistoryScreen
            datasets={datasets}
            trainer={trainer}
            onOpen={(id) => {
              select(id);
              setScreen('train');
              setMoved((n) => n + 1);
            }}
          />
        )}
        {shown === 'recommend' && selected && <RecommendScreen key={selected.id} dataset={selected} trainer={trainer} worker={dataWorker} />}
        {shown === 'studies' && datasets && (
          <StudiesScreen
            datasets={datasets}
            trainer={trainer}
            started={studies}
            importSample={importer.start}
            saveFiltered={(id, recipe, name) => dataWorker.get().saveFiltered(id, recipe, name)}
            onStarted={(presetId, study) => {
              setStudies((all) => {
                const next = { ...all, [presetId]: study };
                keepStartedStudies(next);
                return next;
              });
              openTrain(study.datasetId);
            }}
            onOpen={openTrain}
          />
        )}
      </main>
    </>
  );
}
