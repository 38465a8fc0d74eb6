import { env } from "cloudflare:workers";
import { appTables } from "./db-snapshot.ts";

/**
 * The test files share one workerd per vitest worker (vitest.config.ts: `isolate: false`), so
 * they share its D1 too. Each file still starts from an empty database, as it did when every
 * file had a workerd of its own: the setup file empties every table before the file runs, and
 * after it waits until the Worker's background work for that file (queue consumers, claim
 * chains) has finished, so none of it lands in the next file's tables.
 */

/** Deletes every row of every app table, and D1's autoincrement counters, in one batch (foreign keys checked at its end). */
export async function emptyDatabase(): Promise<void> {
  const tables = await appTables();
  const hasSequence = await env.DB.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").first();
  await env.DB.batch([
    env.DB.prepare("PRAGMA defer_foreign_keys = on"),
    ...tables.map((name) => env.DB.prepare(`DELETE FROM "${name}"`)),
    ...(hasSequence ? [env.DB.prepare("DELETE FROM sqlite_sequence")] : []),
  ]);
}

/** Every row of every app table, as one string: equal twice means nothing changed in between. */
async function fingerprint(tables: string[]): Promise<string> {
  if (tables.length === 0) return "";
  const results = await env.DB.batch(tables.map((name) => env.DB.prepare(`SELECT * FROM "${name}"`)));
  return JSON.stringify(results.map((result) => result.results));
}

/** Waits until no table changes for `quietMs` (longer than the queue's batch timeout in vitest.config.ts). */
export async function backgroundWorkDone(quietMs = 150, timeoutMs = 30_000): Promise<void> {
  const tables = await appTables();
  const deadline = Date.now() + timeoutMs;
  let previous = await fingerprint(tables);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await fingerprint(tables);
    if (current === previous) return;
    if (Date.now() > deadline) throw new Error("the Worker's background work did not settle after the test file");
    previous = current;
  }
}
