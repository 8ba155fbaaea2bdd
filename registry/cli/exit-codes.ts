/** Exit codes of `npm run schema`, for CI pipelines. */
export const EXIT = Object.freeze({
  ok: 0,
  /** A check failed, or a publish or rollback was refused. */
  refused: 1,
  /** The command line is wrong (unknown command or option, missing file), or names nothing that exists. */
  usage: 2,
  /** The registry cannot be reached, or refuses the credential (missing, wrong, or not allowed). */
  unreachable: 3,
});

export class CliError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}
