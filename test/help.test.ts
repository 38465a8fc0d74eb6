import { describe, expect, it } from "vitest";
import { request } from "./helpers.ts";

describe("the help page", () => {
  it("says calmly where to turn, in the Netherlands and in Belgium", async () => {
    const response = await request("/hulp");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const body = await response.text();
    expect(body).toContain('<html lang="nl">');
    expect(body).toContain("<h1>Als het te veel wordt</h1>");
    expect(body).toContain("huisarts");
    expect(body).toContain("bedrijfsarts");
    // The Netherlands: 113 Zelfmoordpreventie, on 113 and on 0800-0113.
    expect(body).toContain("113 Zelfmoordpreventie");
    expect(body).toContain('href="tel:113"');
    expect(body).toContain('href="tel:08000113">0800-0113</a>');
    // Belgium: Tele-Onthaal on 106, the Zelfmoordlijn on 1813, a CAW.
    expect(body).toContain("Tele-Onthaal");
    expect(body).toContain('href="tel:106">106</a>');
    expect(body).toContain("Zelfmoordlijn");
    expect(body).toContain('href="tel:1813">1813</a>');
    expect(body).toContain("CAW");
    expect(body).toContain('href="tel:112">112</a>');
  });
});
