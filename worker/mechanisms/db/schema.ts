import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * One row per e-mail address. `status` moves pending → active → unsubscribed,
 * or to suppressed after a hard bounce or complaint.
 */
export const subscribers = sqliteTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    firstName: text("first_name"),
    status: text("status", { enum: ["pending", "active", "unsubscribed", "suppressed"] }).notNull(),
    confirmTokenHash: text("confirm_token_hash"),
    confirmExpiresAt: integer("confirm_expires_at"),
    unsubscribeTokenHash: text("unsubscribe_token_hash").notNull(),
    preferencesTokenHash: text("preferences_token_hash").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    confirmedAt: integer("confirmed_at"),
    unsubscribedAt: integer("unsubscribed_at"),
    /** The reader's choice on their own page: newsletter issues yes or no (the course is the enrollment's). */
    newsletter: integer("newsletter", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    // One mailbox is one subscriber, however its address is capitalised.
    uniqueIndex("subscribers_email_lower").on(sql`lower(${t.email})`),
    uniqueIndex("subscribers_confirm_token").on(t.confirmTokenHash),
    uniqueIndex("subscribers_unsubscribe_token").on(t.unsubscribeTokenHash),
    uniqueIndex("subscribers_preferences_token").on(t.preferencesTokenHash),
    index("subscribers_pending").on(t.status, t.confirmExpiresAt),
    // Walks a newsletter issue's readers page by page, in id order.
    index("subscribers_newsletter").on(t.status, t.newsletter, t.id),
  ],
);

/** What the reader agreed to, when and where: one row per signup that asked for consent. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    privacyVersion: text("privacy_version").notNull(),
    ipHash: text("ip_hash"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("consents_subscriber").on(t.subscriberId)],
);

/**
 * A reader's way through the course: the series they follow, the lessons of it they have had
 * (`received`, a JSON list of slugs, so the author may insert, reorder, retire or rename lessons
 * without anyone getting a lesson twice or missing one), and their own rhythm: weekday (1 is
 * Monday), hour and time zone, every week or every `pace` weeks. The next mail is due at `nextSendAt`.
 */
export const enrollments = sqliteTable(
  "enrollments",
  {
    subscriberId: text("subscriber_id")
      .primaryKey()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["active", "paused", "completed", "stopped"] }).notNull(),
    /** The series followed; null is the course's first series. */
    series: text("series"),
    received: text("received").notNull().default("[]"),
    nextSendAt: integer("next_send_at"),
    /** When the last lesson was claimed: the next one never comes within a day of it. */
    lastLessonAt: integer("last_lesson_at"),
    sendHour: integer("send_hour").notNull().default(7),
    weekday: integer("weekday").notNull().default(1),
    timeZone: text("time_zone").notNull().default("Europe/Amsterdam"),
    pace: integer("pace").notNull().default(1),
    /** Raised each time the reader starts a series again: the mails of a new round are new deliveries. */
    round: integer("round").notNull().default(1),
    /**
     * Her answer to each question she answered, by question id: a copy of `answers` on the row the claim reads
     * anyway, so a lesson that opens with a line for last week's answer costs sending no extra read. Triggers on
     * `answers` keep it in step with every insert, change and delete (migrations/0016_enrollment_answers.sql).
     */
    answered: text("answered", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    pausedAt: integer("paused_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("enrollments_due").on(t.state, t.nextSendAt)],
);

/** The kinds of mail that go out as deliveries; each has one composer (domain/mails/index.ts). */
const deliveryKinds = ["lesson", "closing", "confirmation", "welcome", "newsletter", "links"] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

/**
 * One mail of one kind claimed for one reader; the row never changes after the
 * claim, and what became of it is kept on its send batch. `ref` names what the
 * mail is of: the lesson's slug, the newsletter issue, or the signup it confirms,
 * welcomes or answers with the reader's own links (`links`: she was subscribed
 * already). The id is derived from reader, kind and ref (for a lesson, it is
 * the hash of the reader's answer token), so the primary key alone makes a
 * second claim of the same mail impossible and finds the delivery behind an
 * answer link. No foreign key: deliveries are written on the hot path. A row is kept only as
 * long as its use needs it (a lesson's as long as the reader; see sending/compact.ts).
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    subscriberId: text("subscriber_id").notNull(),
    kind: text("kind", { enum: deliveryKinds }).notNull().default("lesson"),
    ref: text("ref").notNull(),
    batchKey: text("batch_key").notNull(),
    dueAt: integer("due_at").notNull(),
    claimedAt: integer("claimed_at").notNull(),
    /** The reader's round of the course (null is the first): a lesson sent again in a later round is a delivery of its own. */
    round: integer("round"),
  },
  (t) => [
    // Finds a batch's deliveries to send, sweep or compact it. Not covering: lesson rows stay for years, and an
    // entry of the key alone is a fifth of one with every column (a send reads one more row per mail for it).
    index("deliveries_batch").on(t.batchKey),
    // Finds a reader's deliveries for export and erasure, whatever the course or the link key has become since.
    index("deliveries_reader").on(t.subscriberId),
    // Finds one newsletter issue's deliveries for the author's figures; lessons, the bulk, pay nothing for it.
    index("deliveries_newsletter").on(t.ref).where(sql`${t.kind} = 'newsletter'`),
    // Finds the mails that are not lessons once they outlive their use (sending/compact.ts); lessons pay nothing for it.
    index("deliveries_expiring").on(t.claimedAt).where(sql`${t.kind} <> 'lesson'`),
  ],
);

/** The reflection question an issue may carry: like a lesson's, 2 to 5 one-click answers. */
export type IssueQuestion = { prompt: string; answers: { key: string; label: string }[] };

/**
 * A newsletter issue. A draft may change until it goes out: `scheduled` with `sendAt`, then
 * `sending` while the cron claims its readers page by page (`claimCursor` is the last reader
 * id claimed), then `sent`; from `sending` on it never changes again.
 */
export const newsletterIssues = sqliteTable(
  "newsletter_issues",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    subject: text("subject").notNull(),
    preheader: text("preheader").notNull(),
    body: text("body").notNull(),
    question: text("question", { mode: "json" }).$type<IssueQuestion>(),
    public: integer("public", { mode: "boolean" }).notNull().default(false),
    /** Whether the mail opens with "Hoi {first name},": the author's choice, so her own opening is never doubled. */
    greeting: integer("greeting", { mode: "boolean" }).notNull().default(true),
    status: text("status", { enum: ["draft", "scheduled", "sending", "sent"] }).notNull(),
    sendAt: integer("send_at"),
    claimCursor: text("claim_cursor"),
    claimed: integer("claimed").notNull().default(0),
    sentAt: integer("sent_at"),
    /** Mails of this issue sent and refused in send batches since compacted (sending/compact.ts), whose deliveries may be gone. */
    compactedSent: integer("compacted_sent").notNull().default(0),
    compactedFailed: integer("compacted_failed").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("newsletter_issues_slug").on(t.slug), index("newsletter_issues_due").on(t.status, t.sendAt)],
);

/**
 * What became of each delivery of a batch: Resend's id when sent, the reason when refused.
 * A compacted batch keeps no ids of sent mails; only the refused and `skipped` deliveries it
 * still has rows for are named, so every other delivery of it was sent.
 */
export type BatchOutcomes = { sent: Record<string, string>; failed: Record<string, string>; skipped?: string[] };

/**
 * Up to 100 deliveries claimed together and sent with one Resend batch call.
 * `attemptedIds` freezes who is in the batch at its first attempt, so a retry
 * sends the very same payload under the same idempotency key; a claimed
 * delivery left out of it was skipped (the reader had left). `mayHaveSent` is
 * set with every freeze and cleared only when an attempt was refused outright:
 * only then may a retry leave out a reader who left meanwhile, as a new
 * `generation` of the batch with a key of its own (see sending/send-batch.ts). A mail that
 * could not be made is recorded as failed when the batch is frozen. Thirty days
 * after it completed, a batch keeps its outcomes only as counts (sending/compact.ts).
 */
export const sendBatches = sqliteTable(
  "send_batches",
  {
    key: text("key").primaryKey(),
    createdAt: integer("created_at").notNull(),
    attemptedIds: text("attempted_ids", { mode: "json" }).$type<string[]>(),
    outcomes: text("outcomes", { mode: "json" }).$type<BatchOutcomes>(),
    completedAt: integer("completed_at"),
    mayHaveSent: integer("may_have_sent", { mode: "boolean" }).notNull().default(false),
    generation: integer("generation").notNull().default(0),
    /**
     * What the claim decided its mails are made from beyond their deliveries, by delivery id (see
     * sending/batches.ts), so every attempt makes them byte for byte the same; cleared on completion.
     */
    madeWith: text("made_with", { mode: "json" }).$type<Record<string, string>>(),
    /** When an attempt last failed and why (see sending/attempts.ts), while the batch waits to be tried again. */
    lastFailedAt: integer("last_failed_at"),
    lastFailure: text("last_failure", { enum: ["provider", "storage", "software"] }),
    /** Set when the batch is compacted: how many of its mails were sent, refused, or skipped. */
    sentCount: integer("sent_count"),
    failedCount: integer("failed_count"),
    skippedCount: integer("skipped_count"),
  },
  (t) => [
    // Only open batches (the sweep, the health page) and completed ones still to compact are indexed:
    // compacted batches, nearly all of them in time, are in neither.
    index("send_batches_open").on(t.createdAt).where(sql`${t.completedAt} is null`),
    index("send_batches_to_compact")
      .on(t.completedAt)
      .where(sql`${t.sentCount} is null and ${t.completedAt} is not null`),
  ],
);

/** A reader's answer to one reflection question: changed in place, never duplicated. */
export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    answerKey: text("answer_key").notNull(),
    /** The answer before the last change from a mail link, so a scanner's sweep can be undone. */
    previousAnswerKey: text("previous_answer_key"),
    note: text("note"),
    shareNote: integer("share_note", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("answers_reader_question").on(t.subscriberId, t.questionId),
    index("answers_question").on(t.questionId, t.answerKey),
  ],
);

/**
 * A scanner sweeping the answer links of one mail: until `until`, mail links for this
 * reader's question change nothing (see domain/reflections/sweep.ts).
 */
export const answerSweeps = sqliteTable(
  "answer_sweeps",
  {
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    until: integer("until").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.questionId] })],
);

/** Mails kept instead of sent while no Resend key is configured (local development). */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    idempotencyKey: text("idempotency_key").notNull(),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("outbox_idempotency").on(t.idempotencyKey), index("outbox_created").on(t.createdAt)],
);

/** Addresses that bounced hard or complained, as hashes: kept even after the reader's data is deleted. */
export const suppressions = sqliteTable("suppressions", {
  emailHash: text("email_hash").primaryKey(),
  reason: text("reason", { enum: ["bounce", "complaint"] }).notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * When a confirmation mail last went to a mailbox (a keyed hash of `mailboxOf`), whatever
 * spelling of its address was used: at most one per mailbox per throttle interval.
 */
export const confirmationThrottle = sqliteTable("confirmation_throttle", {
  mailboxHash: text("mailbox_hash").primaryKey(),
  sentAt: integer("sent_at").notNull(),
  /** The signup that took the slot: the rest of that signup's statements go through only if it is theirs. */
  nonce: text("nonce"),
});

/** Svix message ids already handled, so a replayed webhook changes nothing; the newest is always kept (when Resend last came). */
export const webhookEvents = sqliteTable("webhook_events", {
  svixId: text("svix_id").primaryKey(),
  receivedAt: integer("received_at").notNull(),
});

/**
 * The last few send runs (cron), newest last: when each ran (its scheduled time) and what it did,
 * for the author's health page. Older rows are trimmed as new ones come in.
 */
export const cronRuns = sqliteTable("cron_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  scheduledAt: integer("scheduled_at").notNull(),
  claimed: integer("claimed").notNull(),
  swept: integer("swept").notNull(),
});

/**
 * Queue messages that used up their retries and landed in the dead-letter queue, one row per
 * message (its queue id): which batch and delivery, how many attempts, when. No personal data.
 * The cron's sweep re-enqueues their batches anyway; this is what the author sees of them.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    messageId: text("message_id").primaryKey(),
    batchKey: text("batch_key").notNull(),
    deliveryId: text("delivery_id").notNull(),
    attempts: integer("attempts").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("dead_letters_received").on(t.receivedAt)],
);

/**
 * The author's password sessions, by the hash of each one's token: a cookie whose row is gone
 * (she logged out, here or everywhere, or it expired) opens nothing, however valid its signature.
 */
export const adminSessions = sqliteTable(
  "admin_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("admin_sessions_expires").on(t.expiresAt)],
);

/**
 * Resend's email quotas as the sending knows them, one row (`provider` = 'resend'): a pause
 * after Resend answered that a quota ran out (until when, and which quota), and the mails the
 * send runs claimed in the current UTC day and month, to plan within RESEND_DAILY_QUOTA and
 * RESEND_MONTHLY_QUOTA. No personal data.
 */
export const sendQuota = sqliteTable("send_quota", {
  provider: text("provider").primaryKey(),
  pausedUntil: integer("paused_until"),
  pausedFor: text("paused_for", { enum: ["daily", "monthly"] }),
  pausedAt: integer("paused_at"),
  day: text("day").notNull().default(""),
  dayClaimed: integer("day_claimed").notNull().default(0),
  month: text("month").notNull().default(""),
  monthClaimed: integer("month_claimed").notNull().default(0),
});
