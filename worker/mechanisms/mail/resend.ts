import type { Pacer } from "./pacer.ts";
import {
  type MailTransport,
  type OutgoingMail,
  type Quota,
  QuotaExceededError,
  RetryableSendError,
  type SendOutcome,
} from "./transport.ts";

export type ResendOptions = {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Attempts per call before the failure is handed back as retryable (the queue then retries later). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Keeps every call, retries included, to the team's shared rate (see pacer.ts). */
  pacer?: Pacer;
  now?: () => number;
};

type ResendMail = {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  reply_to?: string;
};

function toResend(mail: OutgoingMail): ResendMail {
  return {
    from: mail.from,
    to: [mail.to],
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
    ...(mail.replyTo ? { reply_to: mail.replyTo } : {}),
  };
}

/** Seconds to wait before the next attempt: `retry-after` when given, else exponential backoff with full jitter. */
function backoffMs(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 60) * 1000;
  return Math.random() * Math.min(30_000, 250 * 2 ** attempt);
}

/** Resend answers 409 `concurrent_idempotent_requests` while the first request with a key is still in flight: worth a retry. */
async function concurrentReplay(response: Response): Promise<boolean> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { name?: string } | null;
  return body?.name === "concurrent_idempotent_requests";
}

/** Resend's names for a 429 that is a used-up email quota rather than its rate limit (its usage-limits and errors pages). */
const QUOTAS: Record<string, Quota> = { daily_quota_exceeded: "daily", monthly_quota_exceeded: "monthly" };

/** Which quota a 429 names, if any. */
async function quotaOf(response: Response): Promise<Quota | null> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { name?: string } | null;
  return QUOTAS[body?.name ?? ""] ?? null;
}

/**
 * When a used-up quota is worth trying again: after `retry-after` when Resend gives one, else
 * when the quota's period turns, at midnight UTC for a day and on the first of the month (UTC).
 */
export function quotaResumesAt(quota: Quota, retryAfter: string | null, now: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds > 0) return now + seconds * 1000;
  const day = new Date(now);
  return quota === "daily"
    ? Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1)
    : Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
}

/**
 * Sends through Resend's HTTP API (`POST /emails`, `POST /emails/batch`).
 *
 * Not the official `resend` SDK, though its batch call takes an idempotency key and
 * permissive validation: for these two endpoints it would add about 117 KB minified
 * (33 KB gzipped) to the Worker, an inbound-mail parser and a webhook library among it,
 * and its dynamic import of the React renderer keeps React in the bundle. This client is
 * checked request by request against Resend's OpenAPI description (test/specs).
 */
export function resendTransport(options: ResendOptions): MailTransport {
  const baseUrl = (options.baseUrl ?? "https://api.resend.com").replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;

  async function post(
    path: string,
    body: unknown,
    idempotencyKey: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    let last: unknown;
    let retryAfter: string | null = null;
    let mayHaveSent = false;
    let rateLimited = false;
    // Made once, before any slot is taken: 2 MB for a batch of 100, and the same bytes on every retry.
    const payload = JSON.stringify(body);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const delay = backoffMs(attempt, retryAfter);
        // Resend's budget is the whole team's: after a 429 every consumer holds back, not only this one.
        if (rateLimited && options.pacer) await options.pacer.hold(delay);
        else await sleep(delay);
      }
      await options.pacer?.wait();
      rateLimited = false;
      try {
        const response = await doFetch(`${baseUrl}${path}`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            "Content-Type": "application/json",
            "Idempotency-Key": idempotencyKey,
            ...extraHeaders,
          },
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status === 409 && (await concurrentReplay(response))) {
          retryAfter = "1";
          mayHaveSent = true;
          last = new Error("Resend is still handling the same idempotency key");
          continue;
        }
        if (response.status !== 429 && response.status < 500) return response;
        rateLimited = response.status === 429;
        retryAfter = response.headers.get("retry-after");
        const quota = rateLimited ? await quotaOf(response) : null;
        // A used-up quota is not a rate: another try before it resets would only be refused again.
        if (quota)
          throw new QuotaExceededError(quota, quotaResumesAt(quota, retryAfter, now()), {
            mayHaveSent,
            cause: new Error(`Resend answered 429 ${quota}_quota_exceeded`),
          });
        last = new Error(`Resend answered ${response.status}`);
        await response.body?.cancel();
      } catch (error) {
        if (error instanceof QuotaExceededError) throw error;
        // No answer (a lost connection, a timeout): Resend may have accepted the mails all the same.
        mayHaveSent = true;
        retryAfter = null;
        last = error;
      }
    }
    const seconds = retryAfter === null ? undefined : Number(retryAfter) || undefined;
    throw new RetryableSendError(`Resend ${path} failed after ${attempts} attempts`, seconds, {
      cause: last,
      mayHaveSent,
    });
  }

  async function errorText(response: Response): Promise<string> {
    const body = (await response.json().catch(() => null)) as { message?: string; name?: string } | null;
    return `${response.status} ${body?.name ?? ""} ${body?.message ?? ""}`.trim();
  }

  return {
    async send(mail) {
      const response = await post("/emails", toResend(mail), mail.idempotencyKey);
      if (!response.ok) return { ok: false, error: await errorText(response) };
      const { id } = (await response.json()) as { id: string };
      return { ok: true, id };
    },

    async sendBatch(mails, batchKey) {
      if (mails.length === 0) return [];
      if (mails.length === 1) return [await this.send(mails[0]!)];
      const response = await post("/emails/batch", mails.map(toResend), batchKey, {
        "x-batch-validation": "permissive",
      });
      if (!response.ok) {
        const error = await errorText(response);
        return mails.map((): SendOutcome => ({ ok: false, error }));
      }
      const body = (await response.json()) as {
        data?: { id: string }[];
        errors?: { index: number; message: string }[];
      };
      const failed = new Map((body.errors ?? []).map((e) => [e.index, e.message]));
      const ids = [...(body.data ?? [])];
      return mails.map((_, index): SendOutcome => {
        const error = failed.get(index);
        if (error !== undefined) return { ok: false, error };
        const next = ids.shift();
        return next ? { ok: true, id: next.id } : { ok: false, error: "Resend returned no id" };
      });
    },
  };
}
