import { mailTransport } from "../mail/index.ts";
import { MAX_BATCH, type MailTransport, RetryableSendError } from "../mail/transport.ts";
import type { Claim } from "./batches.ts";
import type { Composers } from "./composer.ts";
import { sendBatch } from "./send-batch.ts";

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

/**
 * Queue consumer. Messages name their send batch; each batch is sent whole
 * (one transport call) the first time any of its messages arrives, and its
 * other messages, duplicates included, then find it completed. A batch whose
 * send fails retryably has its messages retried with backoff.
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
      if (!(error instanceof RetryableSendError)) throw error;
      const attempts = Math.max(...messages.map((message) => message.attempts));
      for (const message of messages)
        message.retry({ delaySeconds: error.retryAfterSeconds ?? Math.min(600, 5 * 2 ** attempts) });
    }
  }
}
