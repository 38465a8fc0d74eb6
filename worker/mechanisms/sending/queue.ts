import { errorSummary } from "../lib/error-summary.ts";
import { mailTransport } from "../mail/index.ts";
import { MAX_BATCH, type MailTransport, RetryableSendError } from "../mail/transport.ts";
import type { Claim } from "./batches.ts";
import type { Composers } from "./composer.ts";
import { BatchInFlight, sendBatch } from "./send-batch.ts";

/** One queue message per claimed delivery; the consumer sends by batch. */
export type DeliveryMessage = { batchKey: string; deliveryId: string };

/** Puts a claim's deliveries on the queue, at most 100 messages per call. */
export async function enqueue(env: Env, { batchKey, deliveryIds }: Claim): Promise<void> {
  for (let start = 0; start < deliveryIds.length; start += MAX_BATCH) {
    const messages = deliveryIds
      .slice(start, start + MAX_BATCH)
      .map((deliveryId) => ({ body: { batchKey, deliveryId } satisfies DeliveryMessage }));
    await env.DELIVERIES.sendBatch(messages);
  }
}

/** Logs why a send batch failed: its name and codes, never its message (a query's may quote addresses). */
function logFailure(batchKey: string, error: unknown): void {
  if (error instanceof BatchInFlight) return;
  console.error(JSON.stringify({ event: "send_failed", batch: batchKey, ...errorSummary(error) }));
}

/**
 * Queue consumer. Messages name their send batch; each batch is sent whole
 * (one transport call) the first time any of its messages arrives, and its
 * other messages, duplicates included, then find it completed. A batch that
 * fails has its own messages retried with backoff; the other batches of the
 * queue batch go on as if it were not there.
 */
export async function consumeDeliveries(
  batch: MessageBatch<DeliveryMessage>,
  env: Env,
  composers: Composers,
  transport: MailTransport = mailTransport(env),
): Promise<void> {
  const byKey = Map.groupBy(batch.messages, (message) => message.body.batchKey);
  for (const [batchKey, messages] of byKey) {
    try {
      await sendBatch(env, composers, transport, batchKey, Date.now());
      for (const message of messages) message.ack();
    } catch (error) {
      logFailure(batchKey, error);
      const attempts = Math.max(...messages.map((message) => message.attempts));
      const asked = error instanceof RetryableSendError ? error.retryAfterSeconds : undefined;
      for (const message of messages) message.retry({ delaySeconds: asked ?? Math.min(600, 5 * 2 ** attempts) });
    }
  }
}
