import { mailTransport } from "../mail/index.ts";
import { RetryableSendError } from "../mail/transport.ts";
import type { DeliveryMessage } from "./scheduled.ts";
import { sendDeliveries } from "./send-lessons.ts";

/** Queue consumer: one batch of up to 100 claimed deliveries, one transport call. */
export async function consumeDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const ids = [...new Set(batch.messages.map((message) => message.body.deliveryId))];
  try {
    await sendDeliveries(env, mailTransport(env), ids, Date.now());
    batch.ackAll();
  } catch (error) {
    if (!(error instanceof RetryableSendError)) throw error;
    const attempts = Math.max(...batch.messages.map((message) => message.attempts));
    batch.retryAll({ delaySeconds: error.retryAfterSeconds ?? Math.min(600, 10 * 2 ** attempts) });
  }
}
