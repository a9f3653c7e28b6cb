// One line per command; the modules load lazily so `reclab inspect` never loads TensorFlow.js.
import { defineCommand } from './main.ts';

defineCommand('version', 'print the RecLab version', async () => async () => {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  console.log(pkg.version);
  return 0;
});
defineCommand('evaluate', 'score an algorithm on a train/test pair, a split of one file, or by cross-validation', async () => (await import('./evaluate.ts')).evaluate);
defineCommand('search', 'grid or random search of an algorithm\'s hyperparameters (Surprise\'s GridSearchCV)', async () => (await import('./search.ts')).search);
defineCommand('inspect', 'import a ratings file and show counts before/after k-core filtering', async () => (await import('./inspect.ts')).inspect);
defineCommand('recommend', 'fit an algorithm on a file and list a user\'s top-N unrated items', async () => (await import('./recommend.ts')).recommend);
defineCommand('job', 'export the dataset recipe (and baselines) as a Dask job for files no browser can hold', async () => (await import('./job.ts')).job);
defineCommand('compare', 'compare two runs user by user from their per-user CSVs (paired t, Wilcoxon, Holm)', async () => (await import('./compare.ts')).compare);
