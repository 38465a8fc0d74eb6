import { database } from "../db/client.ts";
import { config } from "../lib/config.ts";
import { errorSummary } from "../lib/error-summary.ts";
import { MailOffError, mailTransport } from "../mail/index.ts";
import { MAX_BATCH, type MailTransport, QuotaExceededError, RetryableSendError } from "../mail/transport.ts";
import { noteFailedAttempt } from "./attempts.ts";
import type { Claim } from "./batches.ts";
import type { Composers } from "./composer.ts";
import { planProfile } from "./plan.ts";
import { pauseForQuota, quotaPause } from "./quota.ts";
import { BatchInFlight, sendBatch } from "./send-batch.ts";

/** One queue message per claimed delivery; the consumer sends by batch. */
export type DeliveryMessage = { batchKey: string; deliveryId: string };

/**
 * Puts a claim's deliveries on the queue, at most 100 messages per call. On Workers Free
 * (see plan.ts) the batch is one message, on the claim queue, which the consumer reads the same way.
 */
export async function enqueue(env: Env, { batchKey, deliveryIds }: Claim): Promise<void> {
  if (planProfile(config(env)).messagePerBatch) {
    if (deliveryIds.length > 0)
      await env.CLAIMS.send({ batchKey, deliveryId: deliveryIds[0]! } satisfies DeliveryMessage);
    return;
  }
  for (let start = 0; start < deliveryIds.length; start += MAX_BATCH) {
    const messages = deliveryIds
      .slice(start, start + MAX_BATCH)
      .map((deliveryId) => ({ body: { batchKey, deliveryId } satisfies DeliveryMessage }));
    await env.DELIVERIES.sendBatch(messages);
  }
}

/**
 * Why a send batch failed, noted on it for the author's pages, and logged (never the error's
 * message: a query's may quote addresses). Not while mail is off, which her pages say on
 * their own, nor when another consumer is sending it; and never in the way of the retry.
 */
async function noteFailure(env: Env, batchKey: string, error: unknown): Promise<void> {
  if (error instanceof BatchInFlight || error instanceof MailOffError) return;
  console.error(JSON.stringify({ event: "send_failed", batch: batchKey, ...errorSummary(error) }));
  await noteFailedAttempt(database(env), batchKey, error, Date.now()).catch(() => {});
}

/**
 * Queue consumer. Messages name their send batch; each batch is sent whole
 * (one transport call) the first time any of its messages arrives, and its
 * other messages, duplicates included, then find it completed. A batch that
 * fails has its own messages retried with backoff; the other batches of the
 * queue batch go on as if it were not there. While Resend's quota is used up
 * (noted by the first consumer it refused), messages are acked and their
 * batches left open: the cron's sweep puts them back once the quota resets,
 * so a pause of days uses up no retries and dead-letters nothing.
 */
export async function consumeDeliveries(
  batch: MessageBatch<DeliveryMessage>,
  env: Env,
  composers: Composers,
  transport: MailTransport = mailTransport(env),
): Promise<void> {
  const byKey = Map.groupBy(batch.messages, (message) => message.body.batchKey);
  let paused = ((await quotaPause(database(env)))?.until ?? 0) > Date.now();
  for (const [batchKey, messages] of byKey) {
    try {
      if (!paused) await sendBatch(env, composers, transport, batchKey, Date.now());
      for (const message of messages) message.ack();
    } catch (error) {
      if (error instanceof QuotaExceededError) {
        await pauseForQuota(database(env), error.quota, error.resumeAt, Date.now());
        console.warn(JSON.stringify({ event: "quota_pause", quota: error.quota, until: error.resumeAt }));
        paused = true;
        for (const message of messages) message.ack();
        continue;
      }
      await noteFailure(env, batchKey, error);
      const attempts = Math.max(...messages.map((message) => message.attempts));
      const asked = error instanceof RetryableSendError ? error.retryAfterSeconds : undefined;
      for (const message of messages) message.retry({ delaySeconds: asked ?? Math.min(600, 5 * 2 ** attempts) });
    }
  }
}
