/**
 * What an invocation's I/O answered, in the order it asked: D1's results and Resend's responses.
 * Played back, the same invocation runs again with no wait at all (see `invocation` in
 * measure.ts), so its wall time is its CPU, read from workerd's whole-millisecond clock twice
 * instead of at both ends of every wait.
 */
export class Tape {
  d1: unknown[] = [];
  responses: { status: number; headers: [string, string][]; body: string }[] = [];
  #d1Played = 0;
  #responsesPlayed = 0;

  /** The next of D1's answers, as the recorded invocation asked for it. */
  nextD1(): unknown {
    if (this.#d1Played >= this.d1.length) throw new Error("the replay asked D1 more than the recorded invocation did");
    return this.d1[this.#d1Played++];
  }

  /** The next of Resend's responses, made anew. */
  nextResponse(): Response {
    const recorded = this.responses[this.#responsesPlayed++];
    if (!recorded) throw new Error("the replay called Resend more than the recorded invocation did");
    return new Response(recorded.body, { status: recorded.status, headers: recorded.headers });
  }
}

/** Runs `call` and keeps its answer on `tape` at the place it was asked for (calls may overlap). */
async function recorded<T>(tape: Tape, call: () => Promise<T>): Promise<T> {
  const place = tape.d1.push(undefined) - 1;
  const result = await call();
  tape.d1[place] = result;
  return result;
}

function recordingStatement(statement: D1PreparedStatement, tape: Tape): D1PreparedStatement {
  return {
    bind: (...values: unknown[]) => recordingStatement(statement.bind(...values), tape),
    first: (column?: string) => recorded(tape, () => (column ? statement.first(column) : statement.first())),
    run: () => recorded(tape, () => statement.run()),
    all: () => recorded(tape, () => statement.all()),
    raw: (options?: { columnNames?: boolean }) =>
      recorded(tape, () => (options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw())),
    inner: statement,
  } as unknown as D1PreparedStatement;
}

/** A D1 binding that passes every call on to `db` and records its answer on `tape`. */
export function recordingD1(db: D1Database, tape: Tape): D1Database {
  return {
    prepare: (query: string) => recordingStatement(db.prepare(query), tape),
    batch: (statements: D1PreparedStatement[]) =>
      recorded(tape, () => db.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner))),
  } as unknown as D1Database;
}

/** A D1 binding that answers every call from `tape`, at once. */
export function replayingD1(tape: Tape): D1Database {
  const answer = async () => tape.nextD1();
  const statement: D1PreparedStatement = {
    bind: () => statement,
    first: answer,
    run: answer,
    all: answer,
    raw: answer,
  } as unknown as D1PreparedStatement;
  return { prepare: () => statement, batch: answer } as unknown as D1Database;
}

/** Records Resend's response on `tape`, and hands the caller an unread copy. */
export async function recordResponse(tape: Tape, response: Response): Promise<Response> {
  const place = tape.responses.push({ status: 0, headers: [], body: "" }) - 1;
  const body = await response.text();
  const headers = [...response.headers];
  tape.responses[place] = { status: response.status, headers, body };
  return new Response(body, { status: response.status, headers });
}
