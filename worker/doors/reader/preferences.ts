import { html } from "hono/html";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { findSeries } from "../../domain/course/course.ts";
import {
  findEnrollment,
  pause,
  resume,
  setMailChoices,
  setRhythm,
  skipWeek,
  startSeries,
} from "../../domain/readers/preferences.ts";
import { deleteReader, exportReaderData } from "../../domain/readers/reader-data.ts";
import { findByLinkToken } from "../../domain/readers/subscribers.ts";
import { unsubscribe } from "../../domain/readers/unsubscribe.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { invalidLinkPage } from "../../mechanisms/pages/link-pages.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import { readerDataPage } from "./reader-data-page.ts";
import { readerPage } from "./reader-page.ts";
import { rhythmFields } from "./rhythm-form.ts";

export const preferencesRoutes = new Hono<{ Bindings: Env }>();

const courseAction = z.discriminatedUnion("actie", [
  z.object({ actie: z.literal("pauzeren") }),
  z.object({ actie: z.literal("hervatten") }),
  z.object({ actie: z.literal("overslaan") }),
  z.object({ actie: z.literal("afmelden") }),
  rhythmFields,
  z.object({
    actie: z.literal("reeks"),
    reeks: z.string(),
    opnieuw: z.pipe(
      z.optional(z.literal("ja")),
      z.transform((value: "ja" | undefined) => value === "ja"),
    ),
  }),
  z.object({
    actie: z.literal("mail"),
    lessen: z.pipe(
      z.optional(z.literal("ja")),
      z.transform((value: "ja" | undefined) => value === "ja"),
    ),
    nieuwsbrief: z.pipe(
      z.optional(z.literal("ja")),
      z.transform((value: "ja" | undefined) => value === "ja"),
    ),
  }),
]);
const dataAction = z.discriminatedUnion("actie", [
  z.object({ actie: z.literal("exporteren") }),
  z.object({ actie: z.literal("bekijken") }),
  z.object({ actie: z.literal("verwijderen"), zeker: z.literal("ja") }),
]);

preferencesRoutes.get("/:token", async (c) => {
  const token = c.req.param("token");
  const subscriber = await findByLinkToken(database(c.env), config(c.env), "preferences", token);
  return subscriber ? readerPage(c, token, subscriber) : invalidLinkPage(c);
});

preferencesRoutes.post("/:token", async (c) => {
  const token = c.req.param("token");
  const db = database(c.env);
  const subscriber = await findByLinkToken(db, config(c.env), "preferences", token);
  if (!subscriber) return invalidLinkPage(c);
  const form = (await readForm(c.req.raw)) ?? {};
  const data = dataAction.safeParse(form);
  if (data.success && data.data.actie === "exporteren") {
    const exported = await exportReaderData(db, subscriber.id);
    c.header("Content-Disposition", 'attachment; filename="mijn-gegevens.json"');
    c.header("Cache-Control", "no-store");
    return c.body(`${JSON.stringify(exported, null, 2)}\n`, 200, { "Content-Type": "application/json; charset=utf-8" });
  }
  if (data.success && data.data.actie === "bekijken") {
    const exported = await exportReaderData(db, subscriber.id);
    if (!exported) return invalidLinkPage(c);
    return page(c, {
      title: "Je gegevens bij Rust en richting",
      body: readerDataPage(exported, `/voorkeuren/${token}`),
    });
  }
  if (data.success && data.data.actie === "verwijderen") {
    await deleteReader(db, subscriber.id);
    return page(c, {
      title: "Je gegevens zijn verwijderd",
      body: html`<h1>Je gegevens zijn verwijderd</h1>
        <p>We hebben je adres, je antwoorden en je plek in de reeks gewist. Je krijgt van ons geen mail meer.</p>`,
    });
  }
  if (form.actie === "verwijderen")
    return readerPage(c, token, subscriber, { notice: "Vink eerst aan dat je zeker bent; er is niets veranderd." });
  const parsed = courseAction.safeParse(form);
  const enrollment = await findEnrollment(db, subscriber.id);
  const zoneError = parsed.error?.issues.find((issue) => issue.path[0] === "tijdzone")?.message;
  if (zoneError) {
    const rest = z.omit(rhythmFields, { tijdzone: true }).safeParse(form);
    const typed = {
      timeZone: form.tijdzone ?? "",
      ...(rest.success ? { weekday: rest.data.dag, sendHour: rest.data.uur, pace: rest.data.tempo } : {}),
    };
    return readerPage(c, token, subscriber, { notice: "Er is niets veranderd.", zoneError, typed, status: 422 });
  }
  if (!parsed.success || !enrollment || subscriber.status !== "active") {
    return readerPage(c, token, subscriber, {
      notice: "Dat lukte niet; er is niets veranderd. Probeer het gerust nog eens.",
    });
  }
  const now = Date.now();
  const action = parsed.data;
  if (action.actie === "afmelden") {
    await unsubscribe(db, subscriber.id, now);
    return readerPage(c, token, { ...subscriber, status: "unsubscribed" }, { notice: "Je bent afgemeld." });
  }
  if (action.actie === "reeks") {
    const series = findSeries(action.reeks);
    if (!series)
      return readerPage(c, token, subscriber, { notice: "Die reeks bestaat niet meer; er is niets veranderd." });
    await startSeries(db, enrollment, series, action.opnieuw, now);
    return readerPage(c, token, subscriber, {
      notice: action.opnieuw ? `Je begint opnieuw aan ${series.name}.` : `Je volgende les komt uit ${series.name}.`,
    });
  }
  if (action.actie === "pauzeren") await pause(db, subscriber.id, now);
  if (action.actie === "hervatten") await resume(db, enrollment, now);
  if (action.actie === "overslaan") await skipWeek(db, enrollment);
  if (action.actie === "ritme") {
    const rhythm = { weekday: action.dag, sendHour: action.uur, pace: action.tempo, timeZone: action.tijdzone };
    await setRhythm(db, enrollment, rhythm, now);
  }
  if (action.actie === "mail") {
    await setMailChoices(
      db,
      subscriber.id,
      enrollment,
      { lessons: action.lessen, newsletter: action.nieuwsbrief },
      now,
    );
    const updated = { ...subscriber, newsletter: action.nieuwsbrief };
    const nothing = !action.lessen && !action.nieuwsbrief;
    return readerPage(c, token, updated, {
      notice: nothing
        ? "Bewaard. Je krijgt nu geen lessen en geen nieuwsbrief; je blijft ingeschreven tot je je afmeldt."
        : "Bewaard.",
    });
  }
  const notices = {
    // The page's own status line says the lessons are paused; the notice only confirms.
    pauzeren: "Bewaard. Neem de tijd die je nodig hebt.",
    hervatten: "Welkom terug. Je volgende les komt op je vaste dag en tijd.",
    overslaan: "Bewaard: je volgende les komt een week later.",
    ritme: "Bewaard.",
  };
  return readerPage(c, token, subscriber, { notice: notices[action.actie] });
});
