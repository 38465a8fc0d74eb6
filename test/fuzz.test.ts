import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { settledRows, type Tables, tableRows } from "./db-snapshot.ts";
import { expectClearAnswer } from "./fuzz/expectations.ts";
import { type Case, liveLinkCases, type Readers } from "./fuzz/live-links.ts";
import { anyRequest, describeRequest, send } from "./fuzz/requests.ts";
import { invalidSignups } from "./fuzz/signups.ts";
import { linkIn, mailsTo, postForm, readerWithLesson, request, uniqueEmail } from "./helpers.ts";

/** Requests per property run: the tables are compared before and after each batch. */
const BATCH = 10;
// The normal suite sends 3,000 requests (a few seconds); `npm run fuzz` provides a larger number.
const TOTAL = inject("fuzzRequests") ?? 3_000;
const plan = (share: number) => {
  const numRuns = Math.ceil((TOTAL * share) / BATCH);
  // 15 ms a request, and two minutes besides: on a busy machine even the normal suite's few
  // thousand requests can take several times as long as on a quiet one.
  return { numRuns, requests: numRuns * BATCH, timeout: 120_000 + numRuns * BATCH * 15 };
};

const tokenOf = (path: string) => path.split("/")[2]!;

async function readersAtEveryStage(): Promise<Readers> {
  const pendingEmail = uniqueEmail("wacht");
  await postForm("/inschrijven", { email: pendingEmail });
  const [confirmation] = await mailsTo(pendingEmail);

  const active = await readerWithMails();
  const answered = await readerWithMails();
  await request(`/reflectie/${answered.answer}/${answered.keys[0]}`, { method: "POST" });
  await postForm(`/reflectie/${answered.answer}`, { notitie: "Mijn eigen woorden, die blijven.", delen: "ja" });
  const left = await readerWithMails();
  await postForm(`/afmelden/${left.unsubscribe}`, { "List-Unsubscribe": "One-Click" });

  return { pending: { confirm: tokenOf(linkIn(confirmation!.text, "/bevestig/")) }, active, answered, left };
}

/** A confirmed reader and the links of their confirmation, welcome and first lesson. */
async function readerWithMails() {
  const reader = await readerWithLesson();
  const confirmation = (await mailsTo(reader.email)).at(-1)!;
  return {
    confirm: tokenOf(linkIn(confirmation.text, "/bevestig/")),
    answer: reader.answerToken,
    keys: reader.answerLinks.map((link) => link.split("/")[3]!),
    unsubscribe: tokenOf(reader.unsubscribe),
    preferences: tokenOf(reader.preferences),
  };
}

/** Sends one batch; every answer must be clear and as expected, and no row of any table may change. */
async function sendChangingNothing(batch: Case[]): Promise<void> {
  const before = await tableRows();
  for (const { request: generated, expected } of batch) {
    const where = describeRequest(generated);
    const sent = await send(generated);
    const body = await expectClearAnswer(sent, where);
    if (!expected) continue;
    expect(sent.response.status, where).toBe(expected.status);
    if (expected.text) expect(body, where).toContain(expected.text);
    if (expected.location) expect(sent.response.headers.get("location"), where).toBe(expected.location);
  }
  expect(await tableRows()).toEqual(before);
}

async function fuzz(cases: fc.Arbitrary<Case>, numRuns: number): Promise<void> {
  await fc.assert(fc.asyncProperty(fc.array(cases, { minLength: BATCH, maxLength: BATCH }), sendChangingNothing), {
    numRuns,
  });
}

describe("fuzzing every public endpoint", () => {
  let readers: Readers;
  let start: Tables;

  beforeAll(async () => {
    readers = await readersAtEveryStage();
    start = await settledRows();
  });

  const anywhere = plan(0.4);
  it(
    `answers any method, path, header and body clearly and changes nothing (${anywhere.requests} requests)`,
    async () => {
      await fuzz(
        anyRequest.map((generated) => ({ request: generated })),
        anywhere.numRuns,
      );
      expect(await settledRows()).toEqual(start);
    },
    anywhere.timeout,
  );

  const signups = plan(0.3);
  it(
    `refuses every invalid signup with a Dutch message and stores nothing (${signups.requests} requests)`,
    async () => {
      await fuzz(invalidSignups, signups.numRuns);
      expect(await settledRows()).toEqual(start);
    },
    signups.timeout,
  );

  const links = plan(0.3);
  it(
    `keeps every reader's state when their real links get odd methods, tampered tokens and invalid forms (${links.requests} requests)`,
    async () => {
      await fuzz(liveLinkCases(readers), links.numRuns);
      expect(await settledRows()).toEqual(start);
    },
    links.timeout,
  );
});
