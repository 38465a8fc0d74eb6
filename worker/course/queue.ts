import { mailTransport } from "../mail/index.ts";
import { type MailTransport, RetryableSendError } from "../mail/transport.ts";
import type { DeliveryMessage } from "./scheduled.ts";
import { sendBatch } from "./send-lessons.ts";

/**
 * Queue consumer. Messages name their send batch; each batch is sent whole
 * (one transport call) the first time any of its messages arrives, and its
 * other messages, duplicates included, then find it completed. A batch whose
 * send fails retryably has its messages retried with backoff.
 */
export async function consumeDeliveries(
  batch: MessageBatch<DeliveryMessage>,
  env: Env,
  transport: MailTransport = mailTransport(env),
): Promise<void> {
  const byKey = Map.groupBy(batch.messages, (message) => message.body.batchKey);
  for (const [batchKey, messages] of byKey) {
    try {
      await sendBatch(env, transport, batchKey, Date.now());
      for (const message of messages) message.ack();
    } catch (error) {
      if (!(error instanceof RetryableSendError)) throw error;
      const attempts = Math.max(...messages.map((message) => message.attempts));
      for (const message of messages)
        message.retry({ delaySeconds: error.retryAfterSeconds ?? Math.min(600, 5 * 2 ** attempts) });
    }
  }
}
