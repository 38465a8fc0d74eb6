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
    expect(linkIn(mails[0]!.text, "/bevestig/")).toMatch(/^\/bevestig\/[A-Za-z0-9_-]{43}$/);
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
