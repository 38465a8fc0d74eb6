import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  confirmationThrottle,
  consents,
  deliveries,
  sendBatches,
  subscribers,
} from "../worker/mechanisms/db/schema.ts";
import { authorSession } from "./author-session.ts";
import {
  db,
  enrollmentOf,
  linkIn,
  mailsTo,
  postForm,
  readerWithLesson,
  request,
  subscriberByEmail,
  uniqueEmail,
} from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

const asAuthor = async (path: string) => request(path, { headers: { cookie: await authorSession() } });
const postAsAuthor = async (path: string, fields: Record<string, string> = {}) =>
  postForm(path, fields, { cookie: await authorSession() });

/** Looks a reader up the way the author does; returns the reader page's path. */
async function find(email: string): Promise<string> {
  const response = await postAsAuthor("/beheer/lezers", { email });
  expect(response.status).toBe(303);
  return response.headers.get("location")!;
}

/** Confirms and then takes an action the way the author does: the confirm page, then its POST. */
async function act(readerPath: string, action: string) {
  const confirmPage = await asAuthor(`${readerPath}/${action}`);
  expect(confirmPage.status).toBe(200);
  expect(await confirmPage.text()).toContain(`<form method="post" action="${readerPath}/${action}">`);
  return postAsAuthor(`${readerPath}/${action}`);
}

async function pendingReader() {
  const email = uniqueEmail("wacht");
  await postForm("/inschrijven", { email, voornaam: "Wim" });
  return { email, subscriber: (await subscriberByEmail(email))! };
}

describe("finding a reader", () => {
  it("is only for the author", async () => {
    for (const path of ["/beheer/lezers", "/beheer/lezers/abcdefghijklmnopqrstuv"]) {
      const response = await request(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/beheer/inloggen");
    }
    const { email } = await pendingReader();
    const response = await postForm("/beheer/lezers", { email });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/beheer/inloggen");
  });

  it("finds one reader by their exact address in any capitalisation, and shows where they are", async () => {
    const { email, subscriber } = await readerWithLesson("Marloes");
    const path = await find(email.toUpperCase());
    expect(path).toBe(`/beheer/lezers/${subscriber.id}`);
    const response = await asAuthor(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain("Marloes");
    expect(body).toContain(email);
    expect(body).toContain("Ingeschreven");
    expect(body).toContain("Het inschrijfformulier");
    expect(body).toMatch(/Loopt; 1 van de \d+ lessen van De eerste reeks gehad/);
    expect(body).toMatch(/Volgende les<\/dt><dd>\w+ \d+ \w+\.? \d{4}, 07:00 \(Nederlandse tijd\)/);
    expect(body).toMatch(/<td>Verstuurd, /);
  });

  it("never lists addresses: a part of one finds nothing", async () => {
    const { email } = await readerWithLesson();
    const response = await postAsAuthor("/beheer/lezers", { email: `x${email.slice(email.indexOf("."))}` });
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain("Er is geen lezer met dit adres.");
    expect(body).not.toContain(email);
  });

  it("says so in Dutch when the address is not one", async () => {
    const response = await postAsAuthor("/beheer/lezers", { email: "geen-adres" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Dit lijkt geen geldig e-mailadres");
  });

  it("shows a refused mail with Resend's reason", async () => {
    const { email, subscriber } = await readerWithLesson();
    const [delivery] = await db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriber.id)).all();
    await db
      .update(sendBatches)
      .set({ outcomes: { sent: {}, failed: { [delivery!.id]: "Mailbox vol" } } })
      .where(eq(sendBatches.key, delivery!.batchKey));
    const body = await (await asAuthor(await find(email))).text();
    expect(body).toContain("Geweigerd: Mailbox vol");
  });
});

describe("helping a reader", () => {
  it("pauses and resumes after asking first, and logs it without the address", async () => {
    const { email, subscriber } = await readerWithLesson();
    const path = await find(email);
    const logged = vi.spyOn(console, "log");

    expect((await asAuthor(`${path}/pauzeren`)).status).toBe(200);
    expect((await enrollmentOf(subscriber.id))!.state).toBe("active");
    const paused = await act(path, "pauzeren");
    expect(paused.status).toBe(303);
    expect(paused.headers.get("location")).toBe(`${path}?gedaan=pauzeren`);
    expect((await enrollmentOf(subscriber.id))!.state).toBe("paused");
    expect(await (await asAuthor(paused.headers.get("location")!)).text()).toContain("De lessen staan op pauze.");

    await act(path, "hervatten");
    const resumed = (await enrollmentOf(subscriber.id))!;
    expect(resumed.state).toBe("active");
    expect(resumed.nextSendAt).toBeGreaterThan(Date.now());

    const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes("author_action"));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { event: "author_action", action: "pause", reader: subscriber.id },
      { event: "author_action", action: "resume", reader: subscriber.id },
    ]);
    for (const line of lines) expect(line).not.toContain(email);
  });

  it("unsubscribes a reader", async () => {
    const { email, subscriber } = await readerWithLesson();
    const response = await act(await find(email), "afmelden");
    expect(response.status).toBe(303);
    expect((await subscriberByEmail(email))!.status).toBe("unsubscribed");
    expect((await enrollmentOf(subscriber.id))!.state).toBe("stopped");
  });

  it("erases a reader with their mails", async () => {
    const { email, subscriber } = await readerWithLesson();
    const response = await act(await find(email), "wissen");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Alle gegevens van deze lezer zijn gewist.");
    expect(await subscriberByEmail(email)).toBeUndefined();
    expect(await db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriber.id)).all()).toEqual([]);
    expect(await mailsTo(email)).toEqual([]);
    expect((await asAuthor(`/beheer/lezers/${subscriber.id}`)).status).toBe(404);
  });

  it("sends a pending reader a new confirmation, not within the throttle, and the new link works", async () => {
    const { email, subscriber } = await pendingReader();
    const path = await find(email);
    const early = await act(path, "bevestiging");
    expect(early.headers.get("location")).toBe(`${path}?gedaan=bevestiging-wacht`);
    expect(await mailsTo(email)).toHaveLength(1);

    await db.update(confirmationThrottle).set({ sentAt: 0 });
    const response = await act(path, "bevestiging");
    expect(response.headers.get("location")).toBe(`${path}?gedaan=bevestiging`);
    // The reader gave consent once, at signup; the author's resend records none in their name.
    expect(await db.select().from(consents).where(eq(consents.subscriberId, subscriber.id)).all()).toHaveLength(1);
    const [fresh, old] = await mailsTo(email);
    expect(fresh!.subject).toBe("Bevestig je inschrijving");
    const readerPage = await (await asAuthor(path)).text();
    expect(readerPage.match(/<td>Bevestig je inschrijving<\/td>/g)).toHaveLength(2);
    expect((await request(linkIn(old!.text, "/bevestig/"), { method: "POST" })).status).toBe(404);
    expect((await request(linkIn(fresh!.text, "/bevestig/"), { method: "POST" })).status).toBe(200);
    expect((await db.select().from(subscribers).where(eq(subscribers.id, subscriber.id)).get())!.status).toBe("active");
  });

  it("refuses an action that does not fit the reader, and changes nothing", async () => {
    const { email, subscriber } = await pendingReader();
    const ask = await asAuthor(`/beheer/lezers/${subscriber.id}/pauzeren`);
    expect(ask.status).toBe(409);
    expect(await ask.text()).not.toContain(`action="/beheer/lezers/${subscriber.id}/pauzeren"`);
    const response = await postAsAuthor(`/beheer/lezers/${subscriber.id}/pauzeren`);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Dat kan nu niet (meer) bij deze lezer; er is niets veranderd.");
    expect((await subscriberByEmail(email))!.status).toBe("pending");
    expect((await postAsAuthor(`/beheer/lezers/${subscriber.id}/verwijderen`)).status).toBe(404);
  });

  it("refuses an action posted from another site", async () => {
    const { email, subscriber } = await readerWithLesson();
    const forged = await postForm(
      `/beheer/lezers/${subscriber.id}/afmelden`,
      {},
      { cookie: await authorSession(), origin: "https://kwaad.example", "sec-fetch-site": "cross-site" },
    );
    expect(forged.status).toBe(403);
    expect((await subscriberByEmail(email))!.status).toBe("active");
  });
});
