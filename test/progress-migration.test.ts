import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import { config } from "../worker/mechanisms/lib/config.ts";

const [a, b, c, d] = defaultSeries.lessons.map((lesson) => lesson.slug) as [string, string, string, string];
const HOUR = 3_600_000;
// Tuesday 1 December 2026, 07:00 in Amsterdam.
const tuesday = Date.parse("2026-12-01T06:00:00Z");

/** A reader as the schema before 0009 kept them: a position in the lesson list, and the deliveries made. */
function oldReader(id: string, state: string, position: number, nextSendAt: number | null, sent: string[]) {
  const statements = [
    env.MIGRATION_DB.prepare(
      "INSERT INTO subscribers (id, email, status, unsubscribe_token_hash, preferences_token_hash, created_at) VALUES (?, ?, 'active', ?, ?, ?)",
    ).bind(id, `${id}@voorbeeld.nl`, `u-${id}`, `p-${id}`, tuesday - 30 * 24 * HOUR),
    env.MIGRATION_DB.prepare(
      "INSERT INTO enrollments (subscriber_id, state, position, next_send_at, send_hour, created_at) VALUES (?, ?, ?, ?, 7, ?)",
    ).bind(id, state, position, nextSendAt, tuesday - 30 * 24 * HOUR),
    ...sent.map((ref, week) =>
      env.MIGRATION_DB.prepare(
        "INSERT INTO deliveries (id, subscriber_id, kind, ref, batch_key, due_at, claimed_at) VALUES (?, ?, ?, ?, 'b', ?, ?)",
      ).bind(
        `${id}-${week}`,
        id,
        ref === "afsluiting" ? "closing" : "lesson",
        ref,
        tuesday - (sent.length - week) * 7 * 24 * HOUR,
        tuesday - (sent.length - week) * 7 * 24 * HOUR,
      ),
    ),
  ];
  return env.MIGRATION_DB.batch(statements);
}

describe("moving progress from a position to the lessons each reader had (migration 0009)", () => {
  it("keeps every reader's place: nobody loses or repeats a lesson, and their weekday stays theirs", async () => {
    const migrations = env.TEST_MIGRATIONS;
    const before = migrations.findIndex((migration) => migration.name.startsWith("0009"));
    await applyD1Migrations(env.MIGRATION_DB, migrations.slice(0, before));
    await oldReader("halfway", "active", 2, tuesday, [a, b]);
    await oldReader("waiting", "active", 0, tuesday - HOUR, []);
    await oldReader("paused", "paused", 3, tuesday, [a, b, c]);
    // Reordered content once advanced this reader past a lesson whose delivery already existed.
    await oldReader("skipped", "active", 3, tuesday, [a, b]);
    await oldReader("done", "completed", 5, null, [a, b, c, d, "afsluiting"]);

    await applyD1Migrations(env.MIGRATION_DB, migrations);

    const rows = await env.MIGRATION_DB.prepare(
      "SELECT subscriber_id AS id, state, received, weekday, last_lesson_at AS last FROM enrollments ORDER BY subscriber_id",
    ).all<{ id: string; state: string; received: string; weekday: number; last: number | null }>();
    const byId = Object.fromEntries(
      rows.results.map((row) => [row.id, { ...row, received: JSON.parse(row.received) }]),
    );
    expect(byId.halfway).toMatchObject({ received: [a, b], weekday: 2, last: tuesday - 7 * 24 * HOUR });
    expect(byId.waiting).toMatchObject({ received: [], weekday: 2, last: null });
    expect(byId.paused).toMatchObject({ state: "paused", received: [a, b, c] });
    expect(byId.skipped).toMatchObject({ received: [a, b] });
    expect(byId.done).toMatchObject({ state: "completed", received: [a, b, c, d] });
    const columns = await env.MIGRATION_DB.prepare("SELECT name FROM pragma_table_info('enrollments')").all<{
      name: string;
    }>();
    expect(columns.results.map((column) => column.name)).not.toContain("position");

    // The first run after the deploy: each due reader gets the lesson they had not had.
    const db = database({ ...env, DB: env.MIGRATION_DB });
    const claim = await claimDue(db, config(env), tuesday);
    expect(claim?.deliveryIds).toHaveLength(3);
    const claimed = await env.MIGRATION_DB.prepare(
      "SELECT subscriber_id AS id, ref FROM deliveries WHERE batch_key = ? ORDER BY subscriber_id",
    )
      .bind(claim!.batchKey)
      .all<{ id: string; ref: string }>();
    expect(claimed.results).toEqual([
      { id: "halfway", ref: c },
      { id: "skipped", ref: c },
      { id: "waiting", ref: a },
    ]);
  });
});
