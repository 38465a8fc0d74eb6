import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { subscribers, suppressions } from "../worker/mechanisms/db/schema.ts";
import { deriveToken, hashToken } from "../worker/mechanisms/lib/tokens.ts";
import { db, mailsTo, postForm, readerWithLesson, runCron, subscriberByEmail, uniqueEmail } from "./helpers.ts";

const PASSWORD = "test-admin-password-long-enough";
let ipCounter = 0;
/** A Gmail mailbox of its own: the local part without dots, to be spelt with dots and +tags. */
const gmailName = () => `janedoe${Date.now().toString(36)}${(ipCounter++).toString(36)}`;
const readersLike = (local: string) =>
  db
    .select()
    .from(subscribers)
    .where(sql`replace(lower(${subscribers.email}), '.', '') like ${`${local}%`}`)
    .all();

async function authorCookie() {
  const login = await postForm(
    "/beheer/inloggen",
    { wachtwoord: PASSWORD },
    { "cf-connecting-ip": `198.51.100.${200 + (ipCounter++ % 50)}` },
  );
  return login.headers.get("set-cookie")!.split(";")[0]!;
}

/** What the form answers, without what differs on every request. */
async function formAnswer(email: string) {
  const response = await postForm("/inschrijven", { email });
  return {
    status: response.status,
    location: response.headers.get("location"),
    // The "kijk in je mailbox" page's cookie holds the address typed, whoever it belongs to.
    cookie: response.headers.get("set-cookie")?.replace(/^([^=]+)=[^;]*/, "$1=…"),
  };
}

describe("a suppressed address", () => {
  it("never gets mail from the form again, in any capitalisation, and the form answers as ever", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "complaint", Date.now());
    const before = (await mailsTo(reader.email)).length;

    const stranger = await formAnswer(uniqueEmail("nieuw"));
    for (const email of [reader.email, reader.email.toUpperCase()]) expect(await formAnswer(email)).toEqual(stranger);
    expect(await mailsTo(reader.email)).toHaveLength(before);
    expect(await mailsTo(reader.email.toUpperCase())).toHaveLength(0);
    expect((await subscriberByEmail(reader.email))?.status).toBe("suppressed");

    await runCron(Date.now() + 8 * 86_400_000);
    expect((await subscriberByEmail(reader.email))?.status).toBe("suppressed");
  });

  it("blocks every spelling of the mailbox a complaint came for: no mail, no reader, the same answer", async () => {
    const name = gmailName();
    const complained = `${name.slice(0, 4)}.${name.slice(4)}@gmail.com`;
    await suppress(db, env.TOKEN_SECRET, [complained], "complaint", Date.now());

    const stranger = await formAnswer(uniqueEmail("nieuw"));
    const spellings = [`${name}+news@gmail.com`, `${name}@googlemail.com`, `${name.toUpperCase()}@gmail.com`];
    for (const email of spellings) expect(await formAnswer(email)).toEqual(stranger);
    for (const email of [complained, ...spellings]) expect(await mailsTo(email)).toHaveLength(0);
    expect(await readersLike(name)).toEqual([]);
  });

  it("still holds when it was recorded before suppressions went by mailbox (a hash of the address as typed)", async () => {
    const name = gmailName();
    const typed = `${name.slice(0, 4)}.${name.slice(4)}@gmail.com`;
    const oldHash = await deriveToken(env.TOKEN_SECRET, "suppression", typed);
    await db.insert(suppressions).values({ emailHash: oldHash, reason: "bounce", createdAt: Date.now() });

    expect((await postForm("/inschrijven", { email: typed.toUpperCase() })).status).toBe(303);
    expect(await mailsTo(typed.toUpperCase())).toHaveLength(0);
    expect(await readersLike(name)).toEqual([]);
  });

  it("stays suppressed after the reader erased their data", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "bounce", Date.now());
    await postForm(reader.preferences, { actie: "verwijderen", zeker: "ja" });
    expect(await subscriberByEmail(reader.email)).toBeUndefined();
    await postForm("/inschrijven", { email: reader.email });
    expect(await mailsTo(reader.email)).toHaveLength(0);
    expect(await subscriberByEmail(reader.email)).toBeUndefined();
  });

  it("is kept as a keyed hash, never the address or a hash anyone could compute from it", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "bounce", Date.now());
    const rows = JSON.stringify(await db.select().from(suppressions).all());
    expect(rows).not.toContain(reader.email);
    expect(rows).not.toContain(await hashToken(`email:${reader.email.toLowerCase()}`));
  });
});

describe("lifting a suppression", () => {
  it("is only for the author", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "complaint", Date.now());
    const response = await postForm("/beheer/onderdrukking-opheffen", { email: reader.email });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/beheer/inloggen");
    await postForm("/inschrijven", { email: reader.email });
    expect((await subscriberByEmail(reader.email))?.status).toBe("suppressed");
  });

  it("lets the address sign up and get a confirmation mail again", async () => {
    const reader = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [reader.email], "complaint", Date.now());
    const cookie = await authorCookie();
    const response = await postForm(
      "/beheer/onderdrukking-opheffen",
      { email: reader.email.toUpperCase() },
      { cookie },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("mag weer mail krijgen");
    expect((await subscriberByEmail(reader.email))?.status).toBe("unsubscribed");
    const before = (await mailsTo(reader.email)).length;
    await postForm("/inschrijven", { email: reader.email });
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.subject).toBe("Bevestig je inschrijving");
  });

  it("says so when the address was not suppressed, and refuses what is not an address", async () => {
    const cookie = await authorCookie();
    const unknown = await postForm("/beheer/onderdrukking-opheffen", { email: uniqueEmail("onbekend") }, { cookie });
    expect(await unknown.text()).toContain("stond niet op de lijst");
    const bad = await postForm("/beheer/onderdrukking-opheffen", { email: "geen adres" }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("geen geldig e-mailadres");
  });
});
