import { describe, expect, it } from "vitest";
import { BASE, linkIn, mailsTo, postForm, request, subscriberByEmail, uniqueEmail } from "./helpers.ts";

describe("signup", () => {
  it("shows the form 'Schrijf je hier in' with a privacy line", async () => {
    const response = await request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const body = await response.text();
    expect(body).toContain('action="/inschrijven"');
    expect(body).toContain("Schrijf je hier in");
    expect(body).toContain('name="voornaam"');
    expect(body).toMatch(/Afmelden kan\s+op elk moment/);
  });

  it("sends one confirmation mail and nothing else to a new reader", async () => {
    const email = uniqueEmail();
    const response = await postForm("/inschrijven", { email, voornaam: "Anna" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ingeschreven");

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Bevestig je inschrijving");
    expect(mails[0]!.html).toContain("Hoi Anna,");
    // A key id and 256 bits, URL-safe.
    expect(linkIn(mails[0]!.text, "/bevestig/")).toMatch(/^\/bevestig\/[A-Za-z0-9_-]{47}$/);
    const subscriber = await subscriberByEmail(email);
    expect(subscriber?.status).toBe("pending");
    expect(subscriber?.firstName).toBe("Anna");
  });

  it(`links to ${BASE} in the confirmation mail`, async () => {
    const email = uniqueEmail();
    await postForm("/inschrijven", { email });
    const [mail] = await mailsTo(email);
    expect(mail!.text).toContain(`${BASE}/bevestig/`);
    expect(mail!.html).toContain("Hoi,");
  });
});

describe("signup with bad or repeated input", () => {
  const badAddresses = [
    "",
    "   ",
    "anna",
    "anna@",
    "@voorbeeld.nl",
    "anna@voorbeeld",
    "anna voorbeeld@voorbeeld.nl",
    `${"a".repeat(250)}@voorbeeld.nl`,
    // Found by fuzzing: the URL parser behind the domain's normalisation turned these into valid other addresses.
    "anna@voorbeeld.nl/x",
    "anna@voor%2ebeeld.nl",
    "anna@voor\tbeeld.nl",
  ];

  for (const email of badAddresses) {
    it(`refuses ${JSON.stringify(email.slice(0, 30))} with a Dutch message, keeps what was typed, and stores nothing`, async () => {
      const response = await postForm("/inschrijven", { email, voornaam: "Dirk" });
      expect(response.status).toBe(422);
      const body = await response.text();
      expect(body).toMatch(/Vul je e-mailadres in|geen geldig e-mailadres|te lang/);
      expect(body).toContain('value="Dirk"');
      if (email.trim()) expect(body).toContain(`value="${email.slice(0, 300)}"`);
      expect(await subscriberByEmail(email.trim())).toBeUndefined();
    });
  }

  it("refuses a body that is not a form without storing anything", async () => {
    const response = await request("/inschrijven", {
      method: "POST",
      body: JSON.stringify({ email: uniqueEmail() }),
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Je gegevens kwamen niet goed aan.");
  });

  it("refuses a form over the size limit unread, also when it comes without a declared length", async () => {
    const email = uniqueEmail();
    const form = new TextEncoder().encode(new URLSearchParams({ email, opvulling: "a".repeat(70_000) }).toString());
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(form);
        controller.close();
      },
    });
    const response = await request("/inschrijven", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Je gegevens kwamen niet goed aan.");
    expect(await subscriberByEmail(email)).toBeUndefined();
  });

  it("refuses a form whose declared length is no number unread, as one that did not arrive", async () => {
    const email = uniqueEmail();
    const form = new TextEncoder().encode(new URLSearchParams({ email, opvulling: "a".repeat(70_000) }).toString());
    const response = await request("/inschrijven", {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "' OR '1'='1" },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Je gegevens kwamen niet goed aan.");
    expect(await subscriberByEmail(email)).toBeUndefined();
    expect(await mailsTo(email)).toEqual([]);
  });

  it("trims the address and lower-cases its domain", async () => {
    const email = uniqueEmail("Eva");
    const [local, domain] = email.split("@");
    await postForm("/inschrijven", { email: `  ${local}@${domain!.toUpperCase()}  ` });
    expect((await subscriberByEmail(email))?.email).toBe(`${local}@${domain}`);
  });

  it("answers a second signup exactly like the first, and sends no second mail right away", async () => {
    const email = uniqueEmail();
    const first = await postForm("/inschrijven", { email });
    const second = await postForm("/inschrijven", { email });
    expect(second.status).toBe(first.status);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("answers a signup of an already subscribed address like any other, and mails her own links, no confirmation", async () => {
    const email = uniqueEmail();
    await postForm("/inschrijven", { email });
    const [confirmation] = await mailsTo(email);
    await request(linkIn(confirmation!.text, "/bevestig/"), { method: "POST" });
    const before = (await mailsTo(email)).length;
    const again = await postForm("/inschrijven", { email });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/ingeschreven");
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.subject).toBe("Je eigen links voor Rust en richting");
    expect((await subscriberByEmail(email))?.status).toBe("active");
  });

  it("shows the check-your-mailbox page after signing up", async () => {
    const response = await request("/ingeschreven");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Kijk even in je mailbox");
  });
});
