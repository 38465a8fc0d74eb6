import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { KEPT_RUNS, recordCronRun } from "../worker/domain/health/cron-runs.ts";
import { needsAttention, type SendHealth, sendHealth } from "../worker/domain/health/send-health.ts";
import { markHandled, suppress } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { cronRuns, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { randomId } from "../worker/mechanisms/lib/tokens.ts";
import type { DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";
import { authorSession } from "./author-session.ts";
import { BASE, db, deliverBatch, request, runCron } from "./helpers.ts";

const statusPage = async () => {
  const response = await request("/beheer/status", { headers: { cookie: await authorSession() } });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return response.text();
};

/** Hands the dead-letter queue's consumer one batch, as the platform would. */
const deadLetter = (messages: { id: string; attempts: number; body: DeliveryMessage }[]) =>
  deliverBatch(messages, "lesson-deliveries-dead");

/** An open send batch, claimed `ageMs` ago. */
async function openBatch(ageMs: number) {
  const key = randomId();
  await db.insert(sendBatches).values({ key, createdAt: Date.now() - ageMs });
  return key;
}

describe("the health page", () => {
  it("is only for the author", async () => {
    const response = await request("/beheer/status");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/beheer/inloggen");
  });

  it("shows when the cron last ran and what it did", async () => {
    const ranAt = Date.now() - 60_000;
    await runCron(ranAt);
    const [last] = await db.select().from(cronRuns).where(eq(cronRuns.scheduledAt, ranAt)).all();
    expect(last).toMatchObject({ scheduledAt: ranAt, swept: expect.any(Number), claimed: expect.any(Number) });
    const body = await statusPage();
    expect(body).toContain("De laatste controle liep 1 minuut geleden");
    expect(body).not.toContain("er is iets mis met de planning");
  });

  it("keeps only the last runs", async () => {
    const runs = KEPT_RUNS + 3;
    for (let i = 1; i <= runs; i++)
      await recordCronRun(db, { scheduledAt: Date.now() - (runs - i) * 15 * 60_000, claimed: i, swept: 0 });
    const kept = await db.select().from(cronRuns).all();
    expect(kept.length).toBe(KEPT_RUNS);
    expect(Math.max(...kept.map((run) => run.claimed))).toBe(runs);
  });

  it("shows dead messages by batch, and whether each batch went out since", async () => {
    const stillOpen = await openBatch(40 * 60_000);
    const sentSince = await openBatch(40 * 60_000);
    const messages = [
      { id: `dead-${randomId()}`, attempts: 11, body: { batchKey: stillOpen, deliveryId: "d1" } },
      { id: `dead-${randomId()}`, attempts: 11, body: { batchKey: stillOpen, deliveryId: "d2" } },
      { id: `dead-${randomId()}`, attempts: 11, body: { batchKey: sentSince, deliveryId: "d3" } },
    ];
    await deadLetter(messages);
    await db.update(sendBatches).set({ completedAt: Date.now() }).where(eq(sendBatches.key, sentSince));

    const body = await statusPage();
    expect(body).toMatch(/Er (staat|staan) \d+ mails? in de wachtrij voor mislukte berichten/);
    expect(body).toMatch(/de planning probeert\s+elke verzending die nog openstaat na 30 minuten opnieuw/);
    expect(body).toContain("Nee, nog open");
    expect(body).toMatch(/Ja, \w+ \d+ \w+\.? \d{4}/);
    expect(body).toMatch(/Er (staat|staan) \d+ verzending(en)? al langer dan een half uur open/);
  });

  it("shows webhooks received from Resend, and the bounces and complaints of the week", async () => {
    await markHandled(db, `msg_${randomId()}`, Date.now() - 2 * 60_000);
    await suppress(db, env.TOKEN_SECRET, [`bounce.${randomId()}@voorbeeld.nl`], "bounce", Date.now());
    const body = await statusPage();
    expect(body).toMatch(
      /De afgelopen 10 minuten kwamen er \d+ berichten \(webhooks\) van Resend binnen, het laatste \d+ minuten? geleden\./,
    );
    expect(body).toMatch(/Afgelopen week: [1-9]\d* adres(sen)? gebounced/);
  });

  it("lists mails Resend refused, with the reason", async () => {
    const key = randomId();
    await db.insert(sendBatches).values({
      key,
      createdAt: Date.now() - 120_000,
      attemptedIds: ["a", "b"],
      outcomes: { sent: { a: "re_1" }, failed: { b: "Het domein van de afzender is niet geverifieerd" } },
      completedAt: Date.now() - 60_000,
    });
    const health = await sendHealth(db, "outbox", Date.now());
    expect(health.failed.latest).toContainEqual(
      expect.objectContaining({ batchKey: key, reason: "Het domein van de afzender is niet geverifieerd" }),
    );
    const body = await statusPage();
    expect(body).toContain("Het domein van de afzender is niet geverifieerd");
    expect(body).toMatch(/\d+ mails? werd(en)? deze week door Resend geweigerd/);
  });
});

describe("the health page while mail is off", () => {
  it("says first that no mail goes out", async () => {
    const offEnv = { ...env, MAIL_TRANSPORT: "", RESEND_API_KEY: "" };
    const response = await app.fetch(
      new Request(`${BASE}/beheer/status`, { headers: { cookie: await authorSession() } }),
      offEnv,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /<div role="status"><p><strong>Er gaat geen mail de deur uit: de sleutel van Resend \(RESEND_API_KEY\) ontbreekt\./,
    );
  });
});

describe("the sentence at the top", () => {
  const now = Date.UTC(2026, 10, 23, 12);
  const healthy: SendHealth = {
    mail: "resend",
    runs: [{ id: 1, scheduledAt: now - 10 * 60_000, claimed: 3, swept: 0 }],
    open: { count: 0, oldestAt: null, stale: 0 },
    failing: { count: 0, why: null },
    failed: { count: 0, unmade: 0, latest: [] },
    dead: [{ batchKey: "k", messages: 4, attempts: 11, firstAt: now - 3_600_000, completedAt: now - 60_000 }],
    webhooks: { count: 0, lastAt: null },
    suppressed: { bounce: 0, complaint: 0 },
  };

  it("says nothing needs her when the cron runs and dead letters went out since", () => {
    expect(needsAttention(healthy, now)).toEqual([]);
  });

  it("names a late cron, dead letters still open, and stuck batches in plain Dutch", () => {
    expect(
      needsAttention(
        {
          ...healthy,
          runs: [{ id: 1, scheduledAt: now - 2 * 3_600_000, claimed: 0, swept: 0 }],
          dead: [{ batchKey: "k", messages: 3, attempts: 11, firstAt: now - 3_600_000, completedAt: null }],
          open: { count: 2, oldestAt: now - 3_600_000, stale: 2 },
        },
        now,
      ),
    ).toEqual([
      "De laatste controle liep 2 uur geleden: er is iets mis met de planning.",
      "Er staan 3 mails in de wachtrij voor mislukte berichten.",
      "Er staan 2 verzendingen al langer dan een half uur open.",
    ]);
    expect(needsAttention({ ...healthy, runs: [] }, now)).toEqual([
      "Er is nog geen controle gelopen: staat de planning (cron) aan?",
    ]);
    expect(needsAttention({ ...healthy, mail: "off" }, now)).toEqual([
      "Er gaat geen mail de deur uit: de sleutel van Resend (RESEND_API_KEY) ontbreekt. Alles wacht tot die er is.",
    ]);
  });

  it("names sendings whose last attempt failed, and why, and mails that could not be made", () => {
    expect(
      needsAttention(
        { ...healthy, failing: { count: 2, why: "provider" }, failed: { count: 0, unmade: 1, latest: [] } },
        now,
      ),
    ).toEqual([
      "2 verzendingen lukken nog niet (Resend nam de mails niet aan); de planning probeert het vanzelf opnieuw.",
      "1 mail kon deze week niet worden opgemaakt en is niet verstuurd.",
    ]);
    expect(needsAttention({ ...healthy, failing: { count: 1, why: "storage" } }, now)).toEqual([
      "1 verzending lukt nog niet (de database gaf een fout); de planning probeert het vanzelf opnieuw.",
    ]);
  });
});
