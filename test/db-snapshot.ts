import { env } from "cloudflare:workers";
import { createHash } from "node:crypto";

type Row = Record<string, unknown>;
export type Tables = Record<string, Row[]>;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

let tables: Promise<string[]> | undefined;

/**
 * Every table of the app (the migrations' and D1's own bookkeeping left out), so a new table is
 * watched too. Read once: the migrations are applied before any test, and a snapshot (which the
 * fuzz file takes before and after every ten requests) then costs one D1 round trip, not two.
 */
export function appTables(): Promise<string[]> {
  tables ??= env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  )
    .all<{ name: string }>()
    .then(({ results }) => results.map((row) => row.name));
  return tables;
}

/** A row with long values (mail bodies) replaced by their start, length and hash, so a difference prints readably. */
function readable(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) =>
      typeof value === "string" && value.length > 120
        ? [column, `${value.slice(0, 40)}… (${value.length} chars, sha256 ${sha256(value)})`]
        : [column, value],
    ),
  );
}

/** All rows of every app table, each table's rows in a stable order. */
export async function tableRows(): Promise<Tables> {
  const tables = await appTables();
  const results = await env.DB.batch<Row>(tables.map((name) => env.DB.prepare(`SELECT * FROM "${name}"`)));
  return Object.fromEntries(
    tables.map((name, index) => {
      const rows = results[index]!.results.map((row) => JSON.stringify(readable(row)));
      return [name, rows.sort().map((json) => JSON.parse(json) as Row)];
    }),
  );
}

/**
 * The table contents once the Worker's own background work (queue consumer, outcome
 * recording) has finished: the same twice in a row, `quietMs` apart.
 */
export async function settledRows(quietMs = 50): Promise<Tables> {
  let previous = await tableRows();
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await tableRows();
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  throw new Error("the database kept changing: the Worker's background work did not settle");
}
