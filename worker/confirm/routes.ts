import { Hono } from "hono";
import { html } from "hono/html";
import { createElement } from "react";
import { WelcomeEmail } from "../../emails/welcome-email.tsx";
import { config } from "../config.ts";
import { claimDue, enrollStatement } from "../course/claim.ts";
import { database } from "../db/client.ts";
import { mailTransport } from "../mail/index.ts";
import { envelope, footerUrls, listUnsubscribeHeaders, readerTokens } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import { page } from "../pages/layout.ts";
import { invalidLinkPage } from "../pages/link-pages.ts";
import { enqueue } from "../sending/queue.ts";
import { sendBatch } from "../sending/send-batch.ts";
import { mailboxHash } from "../signup/mailbox.ts";
import { confirmStatement, findByConfirmToken, type Subscriber } from "../signup/subscribers.ts";
import { releaseConfirmationSlot } from "../signup/throttle.ts";

export const confirmRoutes = new Hono<{ Bindings: Env }>();

function confirmedPage(c: Parameters<typeof page>[0]) {
  return page(c, {
    title: "Je bent ingeschreven",
    body: html`<h1>Welkom. Je bent ingeschreven.</h1>
      <p>Je eerste les komt zo in je mailbox. Daarna krijg je elke week een nieuwe les, op dezelfde dag.</p>
      <p class="muted">Wordt het even te veel? Onderaan elke mail kun je pauzeren of je afmelden, met één klik.</p>`,
  });
}

confirmRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const subscriber = await findByConfirmToken(database(c.env), token, Date.now());
  if (subscriber?.status === "active") return confirmedPage(c);
  if (subscriber?.status !== "pending") return invalidLinkPage(c);
  return page(c, {
    title: "Bevestig je inschrijving",
    autoSubmit: true,
    body: html`<h1>Nog één klik</h1>
      <p>Bevestig je inschrijving, dan krijg je meteen je eerste les.</p>
      <form method="post" action="/bevestig/${token}" data-auto>
        <button type="submit">Ja, schrijf me in</button>
      </form>`,
  });
});

confirmRoutes.post("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const now = Date.now();
  const subscriber = await findByConfirmToken(db, token, now);
  if (subscriber?.status === "active") return confirmedPage(c);
  if (subscriber?.status !== "pending") return invalidLinkPage(c);
  const [confirmed] = await db.batch([
    confirmStatement(db, subscriber.id, now),
    enrollStatement(db, subscriber.id, now),
  ]);
  if (confirmed.length > 0) {
    // The mailbox's owner clicked: the throttle that keeps strangers from mail-bombing it may let go.
    await releaseConfirmationSlot(db, await mailboxHash(config(c.env).TOKEN_SECRET, subscriber.email));
    await welcome(c.env, subscriber, now);
  }
  return confirmedPage(c);
});

/** The welcome mail and the first lesson, right away; a lesson that cannot go now is left to the queue. */
async function welcome(env: Env, subscriber: Subscriber, now: number) {
  const cfg = config(env);
  const db = database(env);
  const transport = mailTransport(env);
  const links = footerUrls(cfg, await readerTokens(cfg, subscriber.id));
  const mail = await renderMail(
    createElement(WelcomeEmail, { firstName: subscriber.firstName ?? undefined, ...links }),
  );
  const claim = await claimDue(db, cfg, now, { subscriberId: subscriber.id });
  try {
    await transport.send({
      ...envelope(cfg, subscriber.email, "Welkom bij Rust en richting"),
      ...mail,
      headers: listUnsubscribeHeaders(links.unsubscribeUrl),
      idempotencyKey: `welcome/${subscriber.id}/${now}`,
    });
    if (claim) await sendBatch(env, transport, claim.batchKey, now, db);
  } catch (error) {
    console.warn(JSON.stringify({ event: "welcome_deferred", name: (error as Error).name }));
    if (claim) await enqueue(env, claim);
  }
}
