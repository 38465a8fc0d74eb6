import { app } from "./app.ts";
import { runSchedule } from "./course/scheduled.ts";
import { consumeDeadLetters, DEAD_LETTER_QUEUE } from "./health/dead-letters.ts";
import { consumeDeliveries, type DeliveryMessage } from "./sending/queue.ts";

export { ResendPacer } from "./sending/pacer.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runSchedule(env, controller.scheduledTime);
  },
  queue: (batch, env) =>
    batch.queue === DEAD_LETTER_QUEUE ? consumeDeadLetters(batch, env) : consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
