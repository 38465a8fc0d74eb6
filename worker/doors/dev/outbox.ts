import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { database } from "../../mechanisms/db/client.ts";
import { usesOutbox } from "../../mechanisms/mail/index.ts";
import { findOutboxMail, listOutbox } from "../../mechanisms/mail/outbox.ts";
import { page } from "../../mechanisms/pages/layout.ts";

/** The local outbox: only there while MAIL_TRANSPORT=outbox (local use), never because a key is missing. */
export const outboxRoutes = new Hono<{ Bindings: Env }>();

outboxRoutes.use(async (c, next) => {
  if (!usesOutbox(c.env)) return c.notFound();
  await next();
});

outboxRoutes.get("/outbox.json", async (c) => {
  const mails = await listOutbox(database(c.env));
  return c.json(
    mails.map(({ id, to, from, subject, html, text, headers, createdAt }) => ({
      id,
      to,
      from,
      subject,
      html,
      text,
      headers,
      createdAt: new Date(createdAt).toISOString(),
    })),
  );
});

outboxRoutes.get("/outbox", async (c) => {
  const mails = await listOutbox(database(c.env));
  return page(c, {
    title: "Outbox",
    body: html`<h1>Outbox</h1>
      <p class="muted">Mail die lokaal niet verstuurd maar bewaard is, nieuwste eerst. <a href="/dev/outbox.json">JSON</a></p>
      ${mails.length === 0 ? html`<p>Nog geen mail.</p>` : ""}
      <ol reversed>
        ${mails.map(
          (mail) => html`<li>
            <a href="/dev/outbox/${mail.id}">${mail.subject}</a><br />
            <span class="muted">aan ${mail.to} · ${new Date(mail.createdAt).toISOString()} · <a href="/dev/outbox/${mail.id}/text">tekst</a></span>
          </li>`,
        )}
      </ol>`,
  });
});

outboxRoutes.get("/outbox/:id{[0-9]+}", async (c) => {
  const mail = await findOutboxMail(database(c.env), Number(c.req.param("id")));
  if (!mail) return c.notFound();
  // The mail as a reader sees it: its own HTML, allowed no scripts and no outside requests.
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'",
  );
  return c.body(mail.html, 200, { "Content-Type": "text/html; charset=utf-8" });
});

outboxRoutes.get("/outbox/:id{[0-9]+}/text", async (c) => {
  const mail = await findOutboxMail(database(c.env), Number(c.req.param("id")));
  if (!mail) return c.notFound();
  return c.text(mail.text);
});
