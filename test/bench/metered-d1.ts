import type { Tape } from "./replay.ts";

/**
 * What D1 reported for the statements run through a metered binding, the time spent waiting on
 * it, and the calls made to it (`queries`: a batch is one call, as it is one subrequest).
 */
export type D1Meter = { rowsRead: number; rowsWritten: number; waitMs: number; meteringMs: number; queries: number };

type Meta = { rows_read?: number; rows_written?: number };

function count(meter: D1Meter, meta: Meta | undefined) {
  meter.rowsRead += meta?.rows_read ?? 0;
  meter.rowsWritten += meta?.rows_written ?? 0;
}

/** A metered binding: its meter, and the tape its answers are recorded on, if any (replay.ts). */
type Metering = { meter: D1Meter; tape: Tape | undefined };

async function timed<T>(
  { meter, tape }: Metering,
  work: () => Promise<T>,
  key: "waitMs" | "meteringMs" = "waitMs",
): Promise<T> {
  if (key === "waitMs") meter.queries++;
  const start = performance.now();
  try {
    return await (tape && key === "waitMs" ? tape.recordD1(work) : work());
  } finally {
    meter[key] += performance.now() - start;
  }
}

const originals = new WeakMap<object, D1PreparedStatement>();

function meterStatement(statement: D1PreparedStatement, metering: Metering): D1PreparedStatement {
  const { meter } = metering;
  const wrapped = {
    bind: (...values: unknown[]) => meterStatement(statement.bind(...values), metering),
    first: (column?: string) =>
      timed(metering, async () => {
        const result = await statement.all();
        count(meter, result.meta);
        const row = result.results[0] as Record<string, unknown> | undefined;
        return column ? (row?.[column] ?? null) : (row ?? null);
      }),
    run: () =>
      timed(metering, async () => {
        const result = await statement.run();
        count(meter, result.meta);
        return result;
      }),
    all: () =>
      timed(metering, async () => {
        const result = await statement.all();
        count(meter, result.meta);
        return result;
      }),
    // raw() reports no meta: the same statement is run once more only to read D1's row counts, and that time is kept apart.
    raw: async (options?: { columnNames?: boolean }) => {
      count(meter, (await timed(metering, () => statement.run(), "meteringMs")).meta);
      return timed(metering, () => (options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw()));
    },
  } as unknown as D1PreparedStatement;
  originals.set(wrapped, statement);
  return wrapped;
}

/**
 * A D1 binding that adds up rows read and written (from each result's `meta`) into `meter`, and
 * records each call's answer, as its caller sees it, on `tape` if one is given.
 */
export function meteredD1(db: D1Database, meter: D1Meter, tape?: Tape): D1Database {
  const metering: Metering = { meter, tape };
  return {
    prepare: (query: string) => meterStatement(db.prepare(query), metering),
    batch: (statements: D1PreparedStatement[]) =>
      timed(metering, async () => {
        const results = await db.batch(statements.map((s) => originals.get(s) ?? s));
        for (const result of results) count(meter, result.meta);
        return results;
      }),
    exec: (query: string) => db.exec(query),
    dump: () => db.dump(),
    withSession: () => {
      throw new Error("not metered");
    },
  } as unknown as D1Database;
}
