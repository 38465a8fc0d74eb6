import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../worker/doors/app.ts";
import { BASE, linkIn, mailsTo, postForm, readerWithLesson, request, uniqueEmail } from "./helpers.ts";

const noStore = (response: Response) => expect(response.headers.get("cache-control") ?? "").toContain("no-store");

describe("pages with personal data are never cached", () => {
  it("marks the confirmation, answer, thank-you, unsubscribe and reader's pages no-store", async () => {
    const email = uniqueEmail();
    await postForm("/inschrijven", { email });
    const confirm = linkIn((await mailsTo(email))[0]!.text, "/bevestig/");
    noStore(await request(confirm));
    noStore(await request(confirm, { method: "POST" }));

    const reader = await readerWithLesson();
    noStore(await request(reader.answerLinks[0]!));
    noStore(await request(reader.answerLinks[0]!, { method: "POST" }));
    noStore(await postForm(`/reflectie/${reader.answerToken}`, { notitie: "Even rust." }));
    noStore(await request(reader.preferences));
    noStore(await request(reader.unsubscribe));
    noStore(await postForm(reader.unsubscribe, { "List-Unsubscribe": "One-Click" }));
  });

  it("marks every /beheer page no-store", async () => {
    noStore(await request("/beheer/inloggen"));
    const login = await postForm(
      "/beheer/inloggen",
      { wachtwoord: "test-admin-password-long-enough" },
      { "cf-connecting-ip": "198.51.100.251" },
    );
    noStore(login);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    for (const path of ["/beheer", "/beheer/antwoorden.csv"]) noStore(await request(path, { headers: { cookie } }));
  });
});

describe("the error page", () => {
  it("keeps the security headers when the configuration is broken", async () => {
    const broken = { ...env, TOKEN_SECRET: "too-short" } as Env;
    const response = await app.fetch(new Request(`${BASE}/`), broken);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("De site is niet goed ingesteld");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
