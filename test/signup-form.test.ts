import { describe, expect, it } from "vitest";
import { likelyMeant } from "../worker/domain/readers/typos.ts";
import { mailsTo, postForm, readerWithLesson, request, subscriberByEmail } from "./helpers.ts";

let runs = 0;
const local = (name = "typ") => `${name}${Date.now().toString(36)}${(runs++).toString(36)}`;

/** The page without what differs on every request (the CSP nonce). */
const withoutNonce = (body: string) => body.replace(/nonce="[^"]*"/g, 'nonce=""');

describe("the signup form's messages go with their field", () => {
  it("refuses a name over 60 characters with a clear message under the name, not cut short by the browser", async () => {
    const email = `${local()}@voorbeeld.nl`;
    const voornaam = `Anna-Maria ${"van den Berg-".repeat(5)}`.trim();
    expect(voornaam.length).toBeGreaterThan(60);
    const response = await postForm("/inschrijven", { email, voornaam });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain('id="voornaam-fout"');
    expect(body).toContain("Je voornaam is te lang voor onze mails: hoogstens 60 tekens.");
    expect(body).toMatch(/id="voornaam"[^>]*aria-invalid="true"[^>]*aria-describedby="voornaam-fout"/);
    expect(body).not.toMatch(/id="email"[^>]*aria-invalid/);
    expect(body).not.toContain('id="email-fout"');
    // What she typed comes back whole, and no field is cut by a maxlength.
    expect(body).toContain(`value="${voornaam}"`);
    expect(body).not.toContain("maxlength");
    expect(await subscriberByEmail(email)).toBeUndefined();
  });

  it("shows an error on each field when both are wrong", async () => {
    const response = await postForm("/inschrijven", { email: "anna", voornaam: "https://kwaad.example" });
    const body = await response.text();
    expect(body).toMatch(/id="email"[^>]*aria-describedby="email-fout"/);
    expect(body).toMatch(/id="voornaam"[^>]*aria-describedby="voornaam-fout"/);
    expect(body).toContain("Dit lijkt geen geldig e-mailadres");
    expect(body).toContain("Je voornaam kan geen link of e-mailadres bevatten.");
  });

  it("puts a problem that is no field's fault above the form, marking no field", async () => {
    const response = await request("/inschrijven", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    const body = await response.text();
    expect(body).toContain("Je gegevens kwamen niet goed aan.");
    expect(body).not.toContain("aria-invalid");
  });
});

describe("a likely typo in the address", () => {
  it("knows the usual slips, and leaves ordinary addresses alone", () => {
    expect(likelyMeant("anna@gmail.con")).toBe("anna@gmail.com");
    expect(likelyMeant("anna@hotmial.com")).toBe("anna@hotmail.com");
    expect(likelyMeant("Anna.de.Vries@ziggo.n")).toBe("Anna.de.Vries@ziggo.nl");
    expect(likelyMeant("anna@kpnmial.nl")).toBe("anna@kpnmail.nl");
    expect(likelyMeant("anna@telenet.b")).toBe("anna@telenet.be");
    for (const domain of ["gmail.com", "ziggo.nl", "voorbeeld.nl", "home.nl", "me.com", "example.com"])
      expect(likelyMeant(`anna@${domain}`)).toBeNull();
    // A known name under another country's code is a choice, not a slip.
    for (const domain of ["telenet.nl", "yahoo.nl", "outlook.nl", "gmx.nl", "planet.be"])
      expect(likelyMeant(`anna@${domain}`)).toBeNull();
  });

  it("is asked about before anything is stored or sent, and the suggestion can be taken with one button", async () => {
    const name = local();
    const typed = `${name}@gmail.con`;
    const asked = await postForm("/inschrijven", { email: typed, voornaam: "Anna" });
    expect(asked.status).toBe(200);
    const body = await asked.text();
    expect(body).toContain(`Bedoelde je <strong>${name}@gmail.com</strong>?`);
    expect(body).toMatch(/id="email"[^>]*aria-describedby="email-suggestie"/);
    expect(body).toContain(`name="gebruik" value="${name}@gmail.com"`);
    expect(body).toContain(`name="gecontroleerd" value="${typed}"`);
    expect(body).toContain('value="Anna"');
    expect(await subscriberByEmail(typed)).toBeUndefined();

    // The button: the form as it was, plus the suggestion.
    const taken = await postForm("/inschrijven", {
      email: typed,
      voornaam: "Anna",
      gecontroleerd: typed,
      gebruik: `${name}@gmail.com`,
    });
    expect(taken.status).toBe(303);
    expect((await subscriberByEmail(`${name}@gmail.com`))?.firstName).toBe("Anna");
    expect(await subscriberByEmail(typed)).toBeUndefined();
    expect(await mailsTo(`${name}@gmail.com`)).toHaveLength(1);
  });

  it("offers the fix for an address that is not even valid yet (ziggo.n)", async () => {
    const name = local();
    const response = await postForm("/inschrijven", { email: `${name}@ziggo.n` });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain("Dit lijkt geen geldig e-mailadres");
    expect(body).toContain(`Bedoelde je <strong>${name}@ziggo.nl</strong>?`);
  });

  it("keeps the reader's own address when she says it is right, and asks again about one she changed", async () => {
    const name = local();
    const typed = `${name}@hotmial.com`;
    const kept = await postForm("/inschrijven", { email: typed, gecontroleerd: typed });
    expect(kept.status).toBe(303);
    expect((await subscriberByEmail(typed))?.status).toBe("pending");

    const other = `${local()}@gmial.com`;
    const changed = await postForm("/inschrijven", {
      email: other,
      gecontroleerd: typed,
      gebruik: `${name}@hotmail.com`,
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Bedoelde je");
    expect(await subscriberByEmail(`${name}@hotmail.com`)).toBeUndefined();
    expect(await subscriberByEmail(other)).toBeUndefined();
  });
});

describe("the 'kijk in je mailbox' page", () => {
  async function signUpAndLand(email: string) {
    const posted = await postForm("/inschrijven", { email });
    expect(posted.status).toBe(303);
    const cookie = posted.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/ingeschreven/);
    const landed = await request(posted.headers.get("location")!, { headers: { cookie: cookie.split(";")[0]! } });
    expect(landed.headers.get("cache-control")).toBe("no-store");
    return landed.text();
  }

  it("repeats the address, and says the same for a new address as for a subscribed reader's", async () => {
    const stranger = `${local("nieuw")}@voorbeeld.nl`;
    const { email: reader } = await readerWithLesson();
    const forStranger = await signUpAndLand(stranger);
    const forReader = await signUpAndLand(reader);
    expect(forStranger).toContain(`<strong>${stranger}</strong>`);
    expect(forStranger).toContain("Staat er een typfout in dit adres?");
    expect(withoutNonce(forReader).replace(reader, "ADRES")).toBe(withoutNonce(forStranger).replace(stranger, "ADRES"));
  });

  it("says it without an address when it has none (another browser, or later)", async () => {
    const body = await (await request("/ingeschreven")).text();
    expect(body).toContain("Kijk even in je mailbox");
    expect(body).not.toContain("<strong>");
  });
});
