import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { subscribers } from "../worker/mechanisms/db/schema.ts";
import { db, mailsTo, postForm, subscriberByEmail } from "./helpers.ts";

let runs = 0;
const fresh = () => `slachtoffer${Date.now().toString(36)}${(runs++).toString(36)}`;

const mailsToAny = async (addresses: string[]) => (await Promise.all(addresses.map(mailsTo))).flat();
const subscribersLike = (local: string) =>
  db
    .select()
    .from(subscribers)
    .where(sql`lower(${subscribers.email}) like ${`%${local}%`}`)
    .all();

describe("nobody can mail-bomb a stranger", () => {
  it("treats an address in any case as one subscriber with one confirmation mail", async () => {
    const name = fresh();
    const spellings = [
      `${name}@voorbeeld.nl`,
      `${name.toUpperCase()}@voorbeeld.nl`,
      `${name[0]!.toUpperCase()}${name.slice(1)}@Voorbeeld.NL`,
    ];
    for (const email of spellings) expect((await postForm("/inschrijven", { email })).status).toBe(303);
    expect(await subscribersLike(name)).toHaveLength(1);
    expect(await mailsToAny(spellings)).toHaveLength(1);
  });

  it("sends one confirmation mail per mailbox across +tags and, at Gmail, dots", async () => {
    const name = fresh();
    const spellings = [
      `${name}@gmail.com`,
      `${name.toUpperCase()}@gmail.com`,
      `${name}+1@gmail.com`,
      `${name.slice(0, 3)}.${name.slice(3)}@gmail.com`,
      `${name}+nog.een@googlemail.com`,
    ];
    for (const email of spellings) expect((await postForm("/inschrijven", { email })).status).toBe(303);
    expect(await mailsToAny(spellings)).toHaveLength(1);
  });

  it("keeps dots meaningful where the provider does, but not +tags", async () => {
    const name = fresh();
    const dotted = `${name.slice(0, 3)}.${name.slice(3)}@voorbeeld.nl`;
    await postForm("/inschrijven", { email: `${name}@voorbeeld.nl` });
    await postForm("/inschrijven", { email: `${name}+tag@voorbeeld.nl` });
    await postForm("/inschrijven", { email: dotted });
    expect(await mailsToAny([`${name}@voorbeeld.nl`, `${name}+tag@voorbeeld.nl`])).toHaveLength(1);
    expect(await mailsToAny([dotted])).toHaveLength(1);
  });
});

describe("the per-IP limit", () => {
  it("counts every address of one IPv6 /64 as one client", async () => {
    const prefix = `2001:db8:${(Date.now() % 0xffff).toString(16)}:${(runs++ % 0xffff).toString(16)}`;
    for (let i = 0; i < 10; i++) {
      const response = await postForm(
        "/inschrijven",
        { email: `${fresh()}@voorbeeld.nl` },
        { "cf-connecting-ip": `${prefix}::${i + 1}` },
      );
      expect(response.status).toBe(303);
    }
    const email = `${fresh()}@voorbeeld.nl`;
    const limited = await postForm("/inschrijven", { email }, { "cf-connecting-ip": `${prefix}:0:0:0:abcd` });
    expect(limited.status).toBe(429);
    expect(await subscriberByEmail(email)).toBeUndefined();
  });
});

describe("the name field", () => {
  for (const voornaam of [
    "https://kwaad.example/x",
    "Kijk op www.kwaad.nl",
    "anna@kwaad.nl",
    "Win geld op kwaad.biz nu",
  ]) {
    it(`refuses ${JSON.stringify(voornaam)} with a message under the name field, storing and sending nothing`, async () => {
      const email = `${fresh()}@voorbeeld.nl`;
      const response = await postForm("/inschrijven", { email, voornaam });
      expect(response.status).toBe(422);
      const body = await response.text();
      expect(body).toContain('id="voornaam-fout"');
      expect(body).toContain("Je voornaam kan geen link of e-mailadres bevatten.");
      expect(body).toMatch(/id="voornaam"[^>]*aria-describedby="voornaam-fout"/);
      expect(await subscriberByEmail(email)).toBeUndefined();
      expect(await mailsToAny([email])).toHaveLength(0);
    });
  }

  it("still accepts ordinary names, initials and all", async () => {
    for (const voornaam of ["Anne-Marie", "J.P.", "Zoë", "Jan Willem"]) {
      const email = `${fresh()}@voorbeeld.nl`;
      expect((await postForm("/inschrijven", { email, voornaam })).status).toBe(303);
      expect((await subscriberByEmail(email))?.firstName).toBe(voornaam);
    }
  });
});
