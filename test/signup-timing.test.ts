import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { BASE, db, mailsTo, subscribeAndConfirm, subscriberByEmail, uniqueEmail } from "./helpers.ts";

/**
 * The Worker's env with D1 and the send queue recording every round trip a request makes: each
 * query, each batch (with its number of statements), each queue send. On Workers these round
 * trips are what a request's time is made of; the SQL inside one batch costs microseconds.
 */
function recordingEnv() {
  const trips: string[] = [];
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const query =
      <T>(run: () => Promise<T>) =>
      () => {
        trips.push("query");
        return run();
      };
    const wrapped = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      first: (column?: string) => query(() => statement.first(column as string))(),
      all: query(() => statement.all()),
      run: query(() => statement.run()),
      raw: (options?: { columnNames: true }) => query(() => statement.raw(options as { columnNames: true }))(),
    } as unknown as D1PreparedStatement;
    originals.set(wrapped, statement);
    return wrapped;
  };
  const DB = {
    prepare: (sql: string) => wrap(env.DB.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      trips.push(`batch of ${statements.length}`);
      return env.DB.batch(statements.map((statement) => originals.get(statement) ?? statement));
    },
  } as unknown as D1Database;
  const DELIVERIES = {
    send: (body: unknown) => {
      trips.push("queue send");
      return env.DELIVERIES.send(body);
    },
    sendBatch: (messages: Iterable<MessageSendRequest>) => {
      trips.push(`queue send of ${[...messages].length}`);
      return env.DELIVERIES.sendBatch(messages);
    },
  } as unknown as Queue;
  return { trips, workerEnv: { ...env, DB, DELIVERIES } as Env };
}

async function signUpRecorded(email: string) {
  const { trips, workerEnv } = recordingEnv();
  const response = await app.fetch(
    new Request(`${BASE}/inschrijven`, {
      method: "POST",
      body: new URLSearchParams({ email }),
      headers: { "cf-connecting-ip": `2001:db8:9:${Math.floor(Math.random() * 0xffff).toString(16)}::1` },
      redirect: "manual",
    }),
    workerEnv,
  );
  return { status: response.status, location: response.headers.get("location"), trips };
}

describe("signing up tells nothing about who is subscribed, not even by timing", () => {
  it("does the same round trips for a new address, a pending one, a reader's and a suppressed one", async () => {
    const fresh = uniqueEmail("nieuw");
    const { email: reader } = await subscribeAndConfirm();
    const suppressed = uniqueEmail("geblokkeerd");
    await suppress(db, env.TOKEN_SECRET, [suppressed], "complaint", Date.now());

    const paths = {
      "a new address": await signUpRecorded(fresh),
      "the same address again": await signUpRecorded(fresh),
      "an active reader's address": await signUpRecorded(reader),
      "the same reader, capitalised": await signUpRecorded(reader.toUpperCase()),
      "a suppressed address": await signUpRecorded(suppressed),
    };
    const [first, ...others] = Object.values(paths);
    expect(first!.trips).toEqual(["query", expect.stringMatching(/^batch of \d+$/), "queue send of 1"]);
    for (const path of others) expect(path).toEqual(first);
    expect(first).toMatchObject({ status: 303, location: "/ingeschreven" });

    // And yet only the new address got a confirmation mail, once, and the reader her own links, once.
    expect((await mailsTo(fresh)).map((mail) => mail.subject)).toEqual(["Bevestig je inschrijving"]);
    const readerMails = await mailsTo(reader);
    expect(readerMails).toHaveLength(4);
    expect(readerMails[0]!.subject).toBe("Je eigen links voor Rust en richting");
    expect(await mailsTo(suppressed)).toEqual([]);
    expect(await subscriberByEmail(suppressed)).toBeUndefined();
  });
});
