import { consumeDeadLetters, DEAD_LETTER_QUEUE } from "./domain/health/dead-letters.ts";
import { composers } from "./domain/mails/index.ts";
import { unpackMailTemplates } from "./domain/mails/templates.ts";
import { CLAIM_QUEUE, consumeClaims } from "./domain/schedule/claim-chain.ts";
import { runSchedule } from "./domain/schedule/run.ts";
import { app } from "./doors/app.ts";
import { consumeDeliveries, type DeliveryMessage } from "./mechanisms/sending/queue.ts";

export { ResendPacer } from "./mechanisms/mail/pacer.ts";

unpackMailTemplates();

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await runSchedule(env, controller.scheduledTime);
  },
  queue(batch, env) {
    if (batch.queue === CLAIM_QUEUE) return consumeClaims(batch, env);
    const deliveries = batch as MessageBatch<DeliveryMessage>;
    return batch.queue === DEAD_LETTER_QUEUE
      ? consumeDeadLetters(deliveries, env)
      : consumeDeliveries(deliveries, env, composers);
  },
} satisfies ExportedHandler<Env, unknown>;
