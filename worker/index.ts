import { app } from "./app.ts";
import { CLAIM_QUEUE, consumeClaims } from "./course/claim-chain.ts";
import { runSchedule } from "./course/scheduled.ts";
import { consumeDeadLetters, DEAD_LETTER_QUEUE } from "./health/dead-letters.ts";
import { consumeDeliveries, type DeliveryMessage } from "./sending/queue.ts";

export { ResendPacer } from "./sending/pacer.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runSchedule(env, controller.scheduledTime);
  },
  queue(batch, env) {
    if (batch.queue === CLAIM_QUEUE) return consumeClaims(batch, env);
    const deliveries = batch as MessageBatch<DeliveryMessage>;
    return batch.queue === DEAD_LETTER_QUEUE ? consumeDeadLetters(deliveries, env) : consumeDeliveries(deliveries, env);
  },
} satisfies ExportedHandler<Env, unknown>;
