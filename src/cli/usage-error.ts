/** A mistake in the command line itself, reported without a stack trace. */
export class UsageError extends Error {}
