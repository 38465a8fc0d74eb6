import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import {
  type AnswerContext,
  answerFor,
  answerInLink,
  answerPath,
  findAnswer,
  findAnswerContext,
  saveAnswer,
  saveNote,
} from "../../domain/reflections/answers.ts";
import { answerFromMailLink } from "../../domain/reflections/sweep.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { currentSigner, readerTokens } from "../../mechanisms/mail/links.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { invalidLinkPage } from "../../mechanisms/pages/link-pages.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { authorReply, careLines, helpFooter } from "./answer-replies.ts";

export const reflectionRoutes = new Hono<{ Bindings: Env }>();

const noteSchema = z.object({
  notitie: z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((value: string | undefined) => value?.trim() || null),
    ),
    z.nullable(
      z.string().check(z.maxLength(2000, "Je woorden passen niet: hoogstens 2000 tekens. Wil je het wat inkorten?")),
    ),
  ),
  delen: z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined) => value === "ja"),
  ),
});

function choices(token: string, context: AnswerContext, chosen?: string) {
  return html`<div class="choices">
    ${context.question.answers.map(
      (answer) => html`<form method="post" action="${answerPath(token, context.question, answer.key)}">
        <input type="hidden" name="van" value="pagina" />
        <button type="submit" class="${answer.key === chosen ? "" : "quiet"}" aria-pressed="${answer.key === chosen ? "true" : "false"}">${answer.label}</button>
      </form>`,
    )}
  </div>`;
}

async function answerPage(
  c: Context,
  token: string,
  context: AnswerContext,
  state: { notitie?: string; error?: string } = {},
) {
  const { question } = context;
  const answer = await findAnswer(database(c.env), context.subscriberId, question.id);
  const chosen = answerFor(question, answer?.answerKey);
  if (!answer || !chosen) {
    return page(c, {
      title: question.prompt,
      body: html`<h1>${question.prompt}</h1><p>Kies wat nu het best bij je past.</p>${choices(token, context)}${helpFooter}`,
    });
  }
  const note = state.notitie ?? answer.note ?? "";
  return page(c, {
    title: "Dank je wel",
    status: state.error ? 422 : 200,
    body: html`<h1>Dank je wel</h1>
      <p>Bij de vraag <em>${question.prompt}</em> koos je: <strong>${chosen.label}</strong>.</p>
      ${authorReply(chosen)}
      ${careLines(chosen)}
      <form method="post" action="/reflectie/${token}">
        <label for="notitie">Wil je er nog iets over kwijt? Dat mag, het hoeft niet.</label>
        <textarea id="notitie" name="notitie" maxlength="2000" ${state.error ? html`aria-invalid="true" aria-describedby="notitie-fout"` : ""}>${note}</textarea>
        ${state.error ? html`<p class="error" id="notitie-fout" role="alert">${state.error}</p>` : ""}
        <p class="check">
          <input type="checkbox" id="delen" name="delen" value="ja" ${answer.shareNote ? "checked" : ""} />
          <label for="delen">De schrijver mag mijn woorden lezen, zonder mijn naam of adres.</label>
        </p>
        <button type="submit">Bewaar mijn woorden</button>
      </form>
      <p class="muted">Klopt je antwoord toch niet helemaal? Kies gerust een ander:</p>
      ${choices(token, context, chosen.key)}
      ${helpFooter}`,
  });
}

reflectionRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const context = await findAnswerContext(database(c.env), config(c.env), token);
  return context ? answerPage(c, token, context) : invalidLinkPage(c);
});

reflectionRoutes.get("/:token/:key", async (c) => {
  const { token, key } = c.req.param();
  const context = await findAnswerContext(database(c.env), config(c.env), token);
  if (!context) return invalidLinkPage(c);
  const answer = answerInLink(context.question, key);
  if (!answer) return c.redirect(`/reflectie/${token}`, 303);
  return page(c, {
    title: "Je antwoord",
    autoSubmit: true,
    body: html`<h1>${context.question.prompt}</h1>
      <p>Je koos: <strong>${answer.label}</strong></p>
      <form method="post" action="${answerPath(token, context.question, answer.key)}" data-auto>
        <button type="submit">Bewaar mijn antwoord</button>
      </form>`,
  });
});

reflectionRoutes.post("/:token/:key", async (c) => {
  const { token, key } = c.req.param();
  const db = database(c.env);
  const context = await findAnswerContext(db, config(c.env), token);
  if (!context) return invalidLinkPage(c);
  const answer = answerInLink(context.question, key);
  if (!answer) return c.redirect(`/reflectie/${token}`, 303);
  const questionId = context.question.id;
  // From the buttons on our own page, a person is choosing; from a mail's link, it may be a scanner's sweep.
  if ((await readForm(c.req.raw))?.van === "pagina")
    await saveAnswer(db, context.subscriberId, questionId, answer.key, Date.now());
  else await answerFromMailLink(db, context.subscriberId, questionId, answer.key, Date.now());
  return c.redirect(`/reflectie/${token}`, 303);
});

reflectionRoutes.post("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const context = await findAnswerContext(db, config(c.env), token);
  if (!context) return invalidLinkPage(c);
  const form = await readForm(c.req.raw);
  if (!form)
    return answerPage(c, token, context, { error: "Je woorden kwamen niet goed aan. Wil je het nog eens proberen?" });
  const parsed = noteSchema.safeParse(form);
  if (!parsed.success) {
    return answerPage(c, token, context, {
      notitie: form.notitie ?? "",
      error: parsed.error.issues[0]?.message ?? "Dat lukte niet.",
    });
  }
  const saved = await saveNote(
    db,
    context.subscriberId,
    context.question.id,
    parsed.data.notitie,
    parsed.data.delen,
    Date.now(),
  );
  if (!saved) return c.redirect(`/reflectie/${token}`, 303);
  const answer = await findAnswer(db, context.subscriberId, context.question.id);
  const chosen = answerFor(context.question, answer?.answerKey);
  // Her own page, as every mail's footer links it: she just wrote there, so it is her.
  const { preferencesToken } = await readerTokens(await currentSigner(config(c.env)), context.subscriberId);
  return page(c, {
    title: "Bewaard",
    body: html`<h1>Bewaard</h1>
      <p>${parsed.data.notitie ? "Je woorden zijn bewaard. Dank je wel dat je ze wilde opschrijven." : "Je antwoord is bewaard, zonder woorden erbij. Dat is helemaal goed."}</p>
      ${chosen ? html`<p>Bij de vraag <em>${context.question.prompt}</em> koos je: <strong>${chosen.label}</strong>.</p>${authorReply(chosen)}` : ""}
      ${parsed.data.notitie ? html`<p>Je woorden:</p><blockquote class="note"><p>${parsed.data.notitie}</p></blockquote>` : ""}
      <ul class="next">
        <li><a href="/voorkeuren/${preferencesToken}/reflecties">Lees al je reflecties terug</a></li>
        <li><a href="/voorkeuren/${preferencesToken}">Naar je eigen pagina</a>: je ritme, een pauze, je gegevens</li>
        <li><a href="/reflectie/${token}">Terug naar je antwoord</a></li>
      </ul>
      ${helpFooter}`,
  });
});
