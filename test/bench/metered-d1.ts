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

async function timed<T>(meter: D1Meter, work: () => Promise<T>, key: "waitMs" | "meteringMs" = "waitMs"): Promise<T> {
  if (key === "waitMs") meter.queries++;
  const start = performance.now();
  try {
    return await work();
  } finally {
    meter[key] += performance.now() - start;
  }
}

const originals = new WeakMap<object, D1PreparedStatement>();

function meterStatement(statement: D1PreparedStatement, meter: D1Meter): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => meterStatement(statement.bind(...values), meter),
    first: (column?: string) =>
      timed(meter, async () => {
        const result = await statement.all();
        count(meter, result.meta);
        const row = result.results[0] as Record<string, unknown> | undefined;
        return column ? (row?.[column] ?? null) : (row ?? null);
      }),
    run: () =>
      timed(meter, async () => {
        const result = await statement.run();
        count(meter, result.meta);
        return result;
      }),
    all: () =>
      timed(meter, async () => {
        const result = await statement.all();
        count(meter, result.meta);
        return result;
      }),
    // raw() reports no meta: the same statement is run once more only to read D1's row counts, and that time is kept apart.
    raw: async (options?: { columnNames?: boolean }) => {
      count(meter, (await timed(meter, () => statement.run(), "meteringMs")).meta);
      return timed(meter, () => (options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw()));
    },
  } as unknown as D1PreparedStatement;
  originals.set(wrapped, statement);
  return wrapped;
}

/** A D1 binding that adds up rows read and written (from each result's `meta`) into `meter`. */
export function meteredD1(db: D1Database, meter: D1Meter): D1Database {
  return {
    prepare: (query: string) => meterStatement(db.prepare(query), meter),
    batch: (statements: D1PreparedStatement[]) =>
      timed(meter, async () => {
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
