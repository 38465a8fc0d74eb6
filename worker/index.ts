import { app } from "./app.ts";
import { runSchedule } from "./course/scheduled.ts";
import { database } from "./db/client.ts";
import { consumeDeliveries, type DeliveryMessage } from "./sending/queue.ts";
import { pruneConfirmationSlots } from "./signup/throttle.ts";
import { pruneHandled } from "./webhooks/suppress.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    const db = database(env);
    await pruneHandled(db, controller.scheduledTime);
    await pruneConfirmationSlots(db, controller.scheduledTime);
    await runSchedule(env, controller.scheduledTime);
  },
  queue: (batch, env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
