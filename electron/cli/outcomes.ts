// How a cwb command ends other than in success, each with its exit code. Kept apart from the
// commands so that `cwb` can sort an error without loading any of them (`--version` loads none).

/** Bad arguments: exit 2 with the reason. */
export class UsageError extends Error {}

/** A check that ran and found a problem (tampered package, broken chain): exit 1, the reason on stderr. */
export class CheckFailed extends Error {}

/** `cwb analyze --fail-on`: findings at or above the threshold, exit 3. */
export class FailOn extends CheckFailed {}
