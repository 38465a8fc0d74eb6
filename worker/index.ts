import { app } from "./app.ts";
import { consumeDeliveries } from "./course/queue.ts";
import { type DeliveryMessage, runSchedule } from "./course/scheduled.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runSchedule(env, controller.scheduledTime);
  },
  queue: (batch, env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
