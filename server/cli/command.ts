/** What an admin CLI command is: one file per command under ./commands, listed in ./commands/index.ts. */

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  /** One line for the usage text, e.g. `export [--format jsonl|csv]`. */
  usage: string;
  summary: string;
  /** Returns the exit code; throws UsageError for bad arguments. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad command-line arguments: the dispatcher prints the message (and the usage, unless the flags were right but a value was not), and exits 2. */
export class UsageError extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}
