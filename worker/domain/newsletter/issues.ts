import { and, desc, eq, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { answers, deliveries, newsletterIssues, sendBatches, subscribers } from "../../mechanisms/db/schema.ts";
import { randomId } from "../../mechanisms/lib/tokens.ts";
import type { IssueInput } from "./issue-form.ts";

export type Issue = typeof newsletterIssues.$inferSelect;

/** An issue's content; `greeting` left out keeps what it was (a new issue opens with "Hoi …,"). */
type IssueContent = Omit<IssueInput, "greeting"> & Partial<Pick<IssueInput, "greeting">>;

/** An issue the author may still change: not yet going out. */
const editable = inArray(newsletterIssues.status, ["draft", "scheduled"]);

/** The id its question's answers are stored under. */
export const issueQuestionId = (issue: Pick<Issue, "id">) => `nieuwsbrief-${issue.id}`;

function kebab(subject: string): string {
  const base = subject
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "nummer";
}

/** A slug for the archive no other issue has: the subject in kebab-case, numbered when taken. */
async function freeSlug(db: Database, subject: string, ownId: string): Promise<string> {
  const base = kebab(subject);
  const taken = new Set(
    (
      await db
        .select({ slug: newsletterIssues.slug })
        .from(newsletterIssues)
        .where(
          and(
            or(eq(newsletterIssues.slug, base), like(newsletterIssues.slug, `${base}-%`)),
            sql`${newsletterIssues.id} != ${ownId}`,
          ),
        )
        .all()
    ).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Keeps a new draft. */
export async function createIssue(db: Database, input: IssueContent, now: number): Promise<Issue> {
  const id = randomId();
  const slug = await freeSlug(db, input.subject, id);
  return (await db
    .insert(newsletterIssues)
    .values({ id, slug, ...input, status: "draft", createdAt: now, updatedAt: now })
    .returning()
    .get())!;
}

/** Changes a draft or scheduled issue; null once it has started going out (it never changes again). */
export async function updateIssue(db: Database, id: string, input: IssueContent, now: number): Promise<Issue | null> {
  const slug = await freeSlug(db, input.subject, id);
  return (
    (await db
      .update(newsletterIssues)
      .set({ ...input, slug, updatedAt: now })
      .where(and(eq(newsletterIssues.id, id), editable))
      .returning()
      .get()) ?? null
  );
}

export async function findIssue(db: Database, id: string): Promise<Issue | null> {
  return (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).get()) ?? null;
}

/** Every issue, newest first. */
export function listIssues(db: Database): Promise<Issue[]> {
  return db.select().from(newsletterIssues).orderBy(desc(newsletterIssues.createdAt)).all();
}

/**
 * Sets an issue to go out at `sendAt` (now, or later). Only a draft or a still-scheduled
 * issue moves, so two clicks, or two tabs, schedule it once; returns whether this call did.
 */
export async function scheduleIssue(db: Database, id: string, sendAt: number, now: number): Promise<boolean> {
  const changed = await db
    .update(newsletterIssues)
    .set({ status: "scheduled", sendAt, updatedAt: now })
    .where(and(eq(newsletterIssues.id, id), editable))
    .returning({ id: newsletterIssues.id });
  return changed.length > 0;
}

/** Takes a scheduled issue back to draft, as long as it has not started going out. */
export async function unscheduleIssue(db: Database, id: string, now: number): Promise<boolean> {
  const changed = await db
    .update(newsletterIssues)
    .set({ status: "draft", sendAt: null, updatedAt: now })
    .where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, "scheduled")))
    .returning({ id: newsletterIssues.id });
  return changed.length > 0;
}

/** Deletes a draft; a scheduled or sent issue stays. Returns whether this call deleted it. */
export async function deleteDraft(db: Database, id: string): Promise<boolean> {
  const deleted = await db
    .delete(newsletterIssues)
    .where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, "draft")))
    .returning({ id: newsletterIssues.id });
  return deleted.length > 0;
}

/** Issues sent and marked public, for the archive: newest first. */
export function publicIssues(db: Database): Promise<Issue[]> {
  return db
    .select()
    .from(newsletterIssues)
    .where(
      and(eq(newsletterIssues.public, true), eq(newsletterIssues.status, "sent"), isNotNull(newsletterIssues.sentAt)),
    )
    .orderBy(desc(newsletterIssues.sentAt))
    .all();
}

/**
 * A public issue by its slug, once it goes out: its mails link here ("Lees online") from the
 * first reader on, while later readers are still being claimed.
 */
export async function publicIssue(db: Database, slug: string): Promise<Issue | null> {
  const issue = await db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, slug)).get();
  return issue?.public && (issue.status === "sent" || issue.status === "sending") ? issue : null;
}

/** Readers an issue sent now would go to: active, and not opted out of the newsletter. */
export async function audienceSize(db: Database): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(subscribers)
    .where(and(eq(subscribers.status, "active"), eq(subscribers.newsletter, true)))
    .get();
  return row?.n ?? 0;
}

/**
 * What became of an issue: mails claimed, sent, failed (refused, or not made), groups of mails
 * still on their way (`openBatches`) and of those the ones whose last attempt failed
 * (`failing`), and answers to its question.
 */
export async function issueFigures(db: Database, issue: Issue) {
  // Until its first readers are claimed an issue has no mails and no answers: nothing to ask D1.
  if (issue.status === "draft" || issue.status === "scheduled")
    return { claimed: 0, sent: 0, failed: 0, openBatches: 0, failing: 0, answers: [] as { key: string; n: number }[] };
  const batches = db
    .selectDistinct({ key: deliveries.batchKey })
    .from(deliveries)
    .where(and(eq(deliveries.kind, "newsletter"), eq(deliveries.ref, issue.id)));
  const [outcomes, answered] = await Promise.all([
    db
      .select({
        sent: sql<number>`coalesce(sum((select count(*) from json_each(${sendBatches.outcomes}, '$.sent'))), 0)`,
        failed: sql<number>`coalesce(sum((select count(*) from json_each(${sendBatches.outcomes}, '$.failed'))), 0)`,
        open: sql<number>`count(*) filter (where ${sendBatches.completedAt} is null)`,
        failing: sql<number>`count(*) filter (where ${sendBatches.completedAt} is null and ${sendBatches.lastFailedAt} is not null)`,
      })
      .from(sendBatches)
      // Compacted batches are counted on the issue itself: their deliveries may be gone.
      .where(and(inArray(sendBatches.key, batches), isNull(sendBatches.sentCount)))
      .get(),
    db
      .select({ key: answers.answerKey, n: sql<number>`count(*)` })
      .from(answers)
      .where(eq(answers.questionId, issueQuestionId(issue)))
      .groupBy(answers.answerKey)
      .all(),
  ]);
  return {
    claimed: issue.claimed,
    sent: issue.compactedSent + (outcomes?.sent ?? 0),
    failed: issue.compactedFailed + (outcomes?.failed ?? 0),
    openBatches: outcomes?.open ?? 0,
    failing: outcomes?.failing ?? 0,
    answers: answered,
  };
}

/** What `issueFigures` tells of an issue. */
export type IssueFigures = Awaited<ReturnType<typeof issueFigures>>;
