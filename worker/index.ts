import { app } from "./app.ts";
import { runSchedule } from "./course/scheduled.ts";
import { consumeDeliveries, type DeliveryMessage } from "./sending/queue.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runSchedule(env, controller.scheduledTime);
  },
  queue: (batch, env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
