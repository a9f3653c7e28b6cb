/**
 * `reclab <command> …`: dispatches to one module per command. A command returns its
 * exit code; expected failures (bad file, bad flag) are CliError and print one clear
 * line, never a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {};

/** Register a command. Each command module calls this at import time from commands.ts. */
export function defineCommand(name: string, summary: string, load: () => Promise<Command>): void {
  COMMANDS[name] = { summary, load };
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  reclab ${n.padEnd(10)} ${c.summary}`);
  return ['usage: reclab <command> [options]', '', ...lines, '', 'reclab <command> --help for its options.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  await import('./commands.ts');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`reclab: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await cmd.load())(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`reclab ${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
