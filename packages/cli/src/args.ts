import { parseArgs } from 'node:util';
import { MAX_COLUMNS, wrap } from './format';

/** One option of a command line. */
export interface OptionSpec {
  /** `string` takes a value (`--dir out` or `--dir=out`); `boolean` is a switch. */
  readonly type: 'string' | 'boolean';
  /** One line for --help. */
  readonly description: string;
  /** Placeholder for the value in --help, e.g. `<dir>`. @default `<value>` */
  readonly value?: string;
  /** May be given more than once (the values come back as a list). @default false */
  readonly multiple?: boolean;
  /** One-letter alias, e.g. `p`. @default none */
  readonly short?: string;
}

/** A command line: its name, what it does, its options and what it takes besides options. */
export interface CommandSpec {
  /** As the user types it, e.g. `pnpm local`. */
  readonly name: string;
  /** One or two sentences for --help. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments, e.g. `[stack ...]`. @default none allowed */
  readonly positionals?: string;
  /** Extra lines at the end of --help (examples, environment variables). @default none */
  readonly epilog?: readonly string[];
}

type Values<S extends CommandSpec> = {
  [K in keyof S['options']]?: S['options'][K]['type'] extends 'boolean' ? boolean : S['options'][K]['multiple'] extends true ? string[] : string;
};

export interface ParsedCommand<S extends CommandSpec> {
  readonly values: Values<S>;
  readonly positionals: readonly string[];
}

/** A bad command line: the message names the option; the CLI prints it with a pointer to --help. */
export class UsageError extends Error {}

/** The --help text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    return [flag, `${o.description}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  rows.push(['-h, --help', 'show this help and exit']);
  const width = Math.min(30, Math.max(...rows.map(([f]) => f.length)));
  const lines = [`usage: ${spec.name} [options]${spec.positionals ? ` ${spec.positionals}` : ''}`, '', ...wrap(spec.summary, MAX_COLUMNS), '', 'options:'];
  const pad = ' '.repeat(width + 4);
  for (const [flag, text] of rows) {
    const described = wrap(text, MAX_COLUMNS - pad.length);
    if (flag.length > width) lines.push(`  ${flag}`, ...described.map((d) => `${pad}${d}`));
    else lines.push(`  ${flag.padEnd(width)}  ${described[0]}`, ...described.slice(1).map((d) => `${pad}${d}`));
  }
  if (spec.epilog?.length) lines.push('', ...spec.epilog);
  return `${lines.join('\n')}\n`;
}

/**
 * Parses argv (without node and the script) strictly: an unknown option, a missing value or a
 * positional the command does not take throws UsageError naming it. `--help` is handled by runCli.
 */
export function parseCommand<S extends CommandSpec>(spec: S, argv: readonly string[]): ParsedCommand<S> & { help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(plainParseError((error as Error).message));
  }
  const { help, ...values } = parsed.values as Record<string, unknown>;
  if (!spec.positionals && parsed.positionals.length > 0 && help !== true) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  return { values: values as Values<S>, positionals: parsed.positionals, help: help === true };
}

/** node's messages end with advice for its own API ("To specify a positional argument..."); keep the first sentence. */
function plainParseError(message: string): string {
  return message.split('. To ')[0].replace(/^Unknown option/, 'unknown option').replace(/^Option/, 'option');
}

/**
 * Runs a command line: `--help` prints the help and exits 0 before anything else happens; a bad
 * command line prints `<name>: <what is wrong>` and a pointer to --help and exits 2; otherwise
 * main's result (or a thrown error, printed as `<name>: <message>`, exit 1) is the exit code.
 */
export function runCli<S extends CommandSpec>(spec: S, main: (args: ParsedCommand<S>) => number | void | Promise<number | void>, argv: readonly string[] = process.argv.slice(2)): void {
  let args: ReturnType<typeof parseCommand<S>>;
  try {
    args = parseCommand(spec, argv);
  } catch (error) {
    process.stderr.write(`${spec.name}: ${(error as Error).message}\nrun '${spec.name} --help' for the options\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(helpText(spec));
    process.exitCode = 0;
    return;
  }
  Promise.resolve()
    .then(() => main(args))
    .then((code) => {
      if (typeof code === 'number') process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${spec.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}

/** A whole number option (`--runs 5`): undefined when absent, UsageError naming the option when not a whole number in range. */
export function intOption(value: string | undefined, name: string, range: { min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}
