import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { subscribers } from "../worker/mechanisms/db/schema.ts";
import { authorSession } from "./author-session.ts";
import { db, mailsTo, postForm, request, subscriberByEmail, uniqueEmail } from "./helpers.ts";

let runs = 0;
/** A Gmail mailbox of its own: the local part without dots, to be spelt with dots and +tags. */
const gmailName = () => `janedoe${Date.now().toString(36)}${(runs++).toString(36)}`;
const dotted = (name: string) => `${name.slice(0, 4)}.${name.slice(4)}`;

/** Every reader of one Gmail mailbox, however spelt. */
const readersOf = (name: string) =>
  db
    .select()
    .from(subscribers)
    .where(sql`replace(lower(${subscribers.email}), '.', '') like ${`${name}%`}`)
    .all();

/** Imports a pasted list as the author, as people who gave consent to her in person. */
async function importList(lijst: string) {
  const body = new FormData();
  body.set("toestemming", "import-persoonlijk");
  body.set("lijst", lijst);
  const response = await request("/beheer/import-export/import", {
    method: "POST",
    body,
    headers: { cookie: await authorSession() },
  });
  return { response, body: await response.text() };
}

/** The report's row for a line: its reason, as the author reads it. */
const reasonFor = (body: string, line: number) => new RegExp(`<tr><td>${line}</td><td>([^<]*)</td>`).exec(body)?.[1];

describe("an import, by mailbox", () => {
  it("adds one reader for two spellings of one mailbox in the file, and lists the other as the same mailbox", async () => {
    const name = gmailName();
    const { response, body } = await importList(`${name}@gmail.com\n${dotted(name)}+x@gmail.com`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toContain("1 lezer toegevoegd");
    expect(reasonFor(body, 2)).toBe(
      "Dit adres komt in dezelfde mailbox aan als dat op regel 1, dus deze lezer staat er al in.",
    );
    expect((await readersOf(name)).map((reader) => reader.email)).toEqual([`${name}@gmail.com`]);
    expect(await mailsTo(`${name}@gmail.com`)).toHaveLength(1);
    expect(await mailsTo(`${dotted(name)}+x@gmail.com`)).toHaveLength(0);
  });

  it("leaves out a mailbox an existing reader has under another spelling", async () => {
    const name = gmailName();
    expect((await postForm("/inschrijven", { email: `${dotted(name)}@gmail.com` })).status).toBe(303);
    const { body } = await importList(`${name}+nieuwsbrief@gmail.com`);
    expect(body).toContain("0 lezers toegevoegd");
    expect(reasonFor(body, 1)).toBe(
      `Dit adres komt in dezelfde mailbox aan als ${dotted(name)}@gmail.com, dat wacht al op bevestiging.`,
    );
    expect(await readersOf(name)).toHaveLength(1);
    expect(await mailsTo(`${name}+nieuwsbrief@gmail.com`)).toHaveLength(0);
  });

  it("respects a suppression of the mailbox under any spelling", async () => {
    const name = gmailName();
    await suppress(db, env.TOKEN_SECRET, [`${dotted(name)}@gmail.com`], "complaint", Date.now());
    const { body } = await importList(`${name}+x@googlemail.com`);
    expect(body).toContain("0 lezers toegevoegd");
    expect(reasonFor(body, 1)).toBe("Dit adres krijgt geen mail meer na een bounce of klacht.");
    expect(await readersOf(name)).toEqual([]);
    expect(await mailsTo(`${name}+x@googlemail.com`)).toHaveLength(0);
  });

  it("counts for the mailbox's signup throttle: the form mails no other spelling of it right after", async () => {
    const name = gmailName();
    await importList(`${name}@gmail.com`);
    expect(await mailsTo(`${name}@gmail.com`)).toHaveLength(1);
    const response = await postForm("/inschrijven", { email: `${dotted(name)}+later@gmail.com` });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ingeschreven");
    expect(await mailsTo(`${dotted(name)}+later@gmail.com`)).toHaveLength(0);
    expect((await readersOf(name)).map((reader) => reader.email)).toEqual([`${name}@gmail.com`]);
  });
});

describe("an import checks what the form checks", () => {
  it("lists a likely typo with what was probably meant, and neither adds nor mails it", async () => {
    const typo = uniqueEmail("sanne").replace("@voorbeeld.nl", "@gmail.con");
    const { response, body } = await importList(`e-mailadres;voornaam\n${typo};Sanne`);
    expect(response.status).toBe(200);
    expect(body).toContain("0 lezers toegevoegd");
    expect(reasonFor(body, 2)).toBe(
      `Dit adres lijkt een typfout: bedoelde je ${typo.replace(".con", ".com")}? Pas het aan in je lijst en importeer deze regel opnieuw.`,
    );
    expect(await subscriberByEmail(typo)).toBeUndefined();
    expect(await subscriberByEmail(typo.replace(".con", ".com"))).toBeUndefined();
    expect(await mailsTo(typo)).toHaveLength(0);
  });

  it("speaks to the author about a line without an address, a bad address and a bad name", async () => {
    const good = uniqueEmail("goed");
    const { body } = await importList(
      [`${good};Goed`, ";Bob", "geen-adres;Bob", `${uniqueEmail()};http://kwaad.example`].join("\n"),
    );
    expect(body).toContain("1 lezer toegevoegd");
    expect(reasonFor(body, 2)).toBe("Op deze regel staat geen e-mailadres.");
    expect(reasonFor(body, 3)).toBe("Dit e-mailadres lijkt niet te kloppen. Kijk het na in je lijst.");
    expect(reasonFor(body, 4)).toBe("De voornaam bevat een link of e-mailadres; die kan niet in een mail.");
    expect(body).not.toContain("Vul je e-mailadres in.");
    expect(body).not.toContain("Je voornaam");
    expect((await subscriberByEmail(good))?.status).toBe("pending");
  });
});
