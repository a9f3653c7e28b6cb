/** Flag parsing the model-running commands share: strict flags, no positionals, the usage on a mistake. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './main.ts';

/** The flags of every command that fits a model: --algo/--params/--seed (see algoArgs.ts), --backend, --json, --help. */
export const MODEL_OPTIONS = {
  algo: { type: 'string' },
  params: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function flagValues<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${usage}`);
  }
}
