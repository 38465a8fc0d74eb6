import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { normaliseEmail } from "../../domain/readers/signup-form.ts";
import { handledBefore, markHandled, suppress } from "../../domain/readers/suppression.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { verifySvix } from "../../mechanisms/lib/svix.ts";
import { limitBody } from "../../mechanisms/pages/read-form.ts";

const MAX_BODY = 256 * 1024;

const eventSchema = z.object({
  type: z.string(),
  data: z.object({
    to: z._default(z.array(z.string()).check(z.maxLength(50)), []),
    bounce: z.optional(z.object({ type: z.string() })),
  }),
});

/** Resend's webhooks: a hard bounce or a complaint suppresses the address at once. */
export const webhookRoutes = new Hono<{ Bindings: Env }>();

// Answered for Resend, not a person, like the other answers here.
const eventBodyLimit = limitBody(MAX_BODY, (c) => c.text("payload too large", 413));

webhookRoutes.post("/resend", eventBodyLimit, async (c) => {
  const secret = config(c.env).RESEND_WEBHOOK_SECRET;
  if (!secret) return c.notFound();
  const body = await c.req.text();
  const now = Date.now();
  const headers = {
    id: c.req.header("svix-id"),
    timestamp: c.req.header("svix-timestamp"),
    signature: c.req.header("svix-signature"),
  };
  if (!(await verifySvix(secret, headers, body, now))) return c.text("invalid signature", 401);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return c.text("not JSON", 400);
  }
  const event = eventSchema.safeParse(json);
  if (!event.success) return c.text("not a Resend event", 400);
  const db = database(c.env);
  if (await handledBefore(db, headers.id!)) return c.text("already handled");

  const { type, data } = event.data;
  const reason =
    type === "email.complained"
      ? "complaint"
      : type === "email.bounced" && data.bounce?.type === "Permanent"
        ? "bounce"
        : null;
  if (reason) await suppress(db, config(c.env).TOKEN_SECRET, data.to.map(normaliseEmail), reason, now);
  await markHandled(db, headers.id!, now);
  return c.text("ok");
});
