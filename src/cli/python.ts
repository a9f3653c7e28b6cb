/**
 * The Python that runs the Dask job. Debian's python3-dask and python3-distributed
 * install for /usr/bin/python3, and a `python3` found earlier on PATH (pyenv, a
 * virtualenv) may not see them: each candidate is asked to import dask.distributed.
 */
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['python3', '/usr/bin/python3', 'python'];

export const DASK_INSTALL = 'apt-get install python3-dask python3-distributed (Debian/Ubuntu), or pip install "dask[distributed]" pandas numpy';

/** The first interpreter that imports dask.distributed, pandas and NumPy; null when none does. */
export function daskPython(): string | null {
  for (const exe of [process.env.RECLAB_PYTHON, ...CANDIDATES]) {
    if (!exe) continue;
    const r = spawnSync(exe, ['-c', 'import dask.distributed, pandas, numpy'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return exe;
  }
  return null;
}
