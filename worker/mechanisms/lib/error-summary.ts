/** Error codes of D1 and SQLite: fixed words, never data. */
const CODE = /\b(?:D1_[A-Z_]+|SQLITE_[A-Z_]+)\b/g;

/**
 * What may be logged of an error: its name, its cause's name and the D1/SQLite codes in
 * their messages. Never a message itself: drizzle's carry the query's parameters (addresses,
 * answers, reader ids).
 */
export function errorSummary(error: unknown): { name: string; cause?: string; codes?: string[] } {
  const chain: unknown[] = [];
  for (let link: unknown = error; link instanceof Error && chain.length < 5; link = link.cause) chain.push(link);
  // drizzle's own message quotes the parameters, which could spell anything, a "code" too.
  const messages = chain
    .map((link) => (link as Error).message)
    .filter((message) => !message.startsWith("Failed query"));
  const codes = [...new Set(messages.flatMap((message) => message.match(CODE) ?? []))];
  const cause = chain[1] as Error | undefined;
  return {
    name: error instanceof Error ? error.name : typeof error,
    ...(cause ? { cause: cause.name } : {}),
    ...(codes.length > 0 ? { codes } : {}),
  };
}

/**
 * True when D1 failed (or drizzle's query over it): trouble of the database, which trying
 * again may cure, rather than of what was asked of it.
 */
export function isStorageError(error: unknown): boolean {
  for (let link: unknown = error, depth = 0; link instanceof Error && depth < 5; link = link.cause, depth++)
    if (link.message.startsWith("Failed query") || new RegExp(CODE.source).test(link.message)) return true;
  return false;
}
