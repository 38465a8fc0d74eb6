/** One mail as our code hands it over: rendered, addressed, with its own idempotency key. */
export type OutgoingMail = {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Stable per mail: a retried send carries the same key, so the mail arrives once. */
  idempotencyKey: string;
};

/** A mail as a composer makes it; the sending machinery gives it its idempotency key. */
export type ComposedMail = Omit<OutgoingMail, "idempotencyKey">;

/** What became of one mail: accepted with the provider's id, or rejected for good. */
export type SendOutcome = { ok: true; id: string } | { ok: false; error: string };

/**
 * Where mail goes. Temporary failures (rate limits, outages) throw a
 * `RetryableSendError`; a mail the provider refuses for good comes back as
 * `{ ok: false }` and does not hold up the others.
 */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Up to 100 mails at once; `batchKey` is the same whenever the same batch is retried. */
  sendBatch(mails: OutgoingMail[], batchKey: string): Promise<SendOutcome[]>;
}

/**
 * A temporary failure: the same mails may be sent again later with the same keys.
 * `mayHaveSent` is false only when every try was refused outright (an HTTP answer
 * that processed nothing); after a lost connection or a timeout the provider may
 * have accepted the mails, and only an identical retry is safe.
 */
export class RetryableSendError extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly mayHaveSent: boolean;

  constructor(message: string, retryAfterSeconds?: number, options?: ErrorOptions & { mayHaveSent?: boolean }) {
    super(message, options);
    this.name = "RetryableSendError";
    this.retryAfterSeconds = retryAfterSeconds;
    this.mayHaveSent = options?.mayHaveSent ?? true;
  }
}

/** Which of Resend's email quotas ran out: the mails of a day, or of a month. */
export type Quota = "daily" | "monthly";

/**
 * Resend refused a send for a quota, not for its rate: trying again before the quota resets
 * only fails again, so the caller waits until `resumeAt` (ms since the epoch) instead.
 */
export class QuotaExceededError extends RetryableSendError {
  readonly quota: Quota;
  readonly resumeAt: number;

  constructor(quota: Quota, resumeAt: number, options?: ErrorOptions & { mayHaveSent?: boolean }) {
    super(`Resend's ${quota} email quota is used up`, Math.ceil(Math.max(0, resumeAt - Date.now()) / 1000), options);
    this.name = "QuotaExceededError";
    this.quota = quota;
    this.resumeAt = resumeAt;
  }
}

/** Resend's batch endpoint takes at most this many mails per call. */
export const MAX_BATCH = 100;
