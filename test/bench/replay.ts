/**
 * What an invocation's I/O answered, in the order it asked: D1's results and Resend's responses.
 * Played back, the same invocation runs again with no wait at all (see `replayed` in
 * measure.ts), so its CPU is read without reading workerd's whole-millisecond clock at both ends
 * of every wait.
 */
export class Tape {
  d1: unknown[] = [];
  responses: { status: number; headers: [string, string][]; body: string }[] = [];
  #d1Played = 0;
  #responsesPlayed = 0;

  /** Runs one D1 call and keeps its answer at the place it was asked for (calls may overlap). */
  async recordD1<T>(call: () => Promise<T>): Promise<T> {
    const place = this.d1.push(undefined) - 1;
    const result = await call();
    this.d1[place] = result;
    return result;
  }

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
