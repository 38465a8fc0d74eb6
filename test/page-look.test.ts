import { describe, expect, it } from "vitest";
import { readerWithLesson, request } from "./helpers.ts";
import { contrast } from "./mail-html.ts";

/** The value of a custom property in the page's light palette and in its dark one. */
async function property(name: string) {
  const css = await (await request("/")).text();
  const [light, dark] = [...css.matchAll(new RegExp(`--${name}:(#[0-9a-f]{6})`, "g"))].map((m) => m[1]!);
  const of = (other: string) => [...css.matchAll(new RegExp(`--${other}:(#[0-9a-f]{3,6})\\b`, "g"))].map((m) => m[1]!);
  return { css, light: light!, dark: dark!, of };
}

const six = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((d) => d + d).join("")}` : hex);

describe("links on the site's pages", () => {
  it("are drawn in the accent colour, visited or not, readable on the page in light and dark", async () => {
    const { css, light, dark, of } = await property("accent");
    expect(css).toMatch(/a,a:visited\{color:var\(--accent\)/);
    const [bgLight, bgDark] = of("bg");
    const [cardLight, cardDark] = of("card");
    for (const [accent, backgrounds] of [
      [light, [bgLight!, cardLight!]],
      [dark, [bgDark!, cardDark!]],
    ] as const)
      for (const background of backgrounds) expect(contrast(accent, six(background))).toBeGreaterThanOrEqual(4.5);
  });
});

describe("'Verwijder mijn gegevens'", () => {
  it("looks like the destructive action it is, in a colour readable in light and dark", async () => {
    const { preferences } = await readerWithLesson();
    const body = await (await request(preferences)).text();
    expect(body).toMatch(/<button type="submit" class="danger">Verwijder mijn gegevens<\/button>/);
    const { css, light, dark, of } = await property("danger");
    expect(css).toMatch(/button\.danger\{[^}]*color:var\(--danger\);border:2px solid var\(--danger\)/);
    const [bgLight, bgDark] = of("bg");
    expect(contrast(light, six(bgLight!))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark, six(bgDark!))).toBeGreaterThanOrEqual(4.5);
  });
});

describe("the favicon", () => {
  it("is served by the Worker as SVG, named by every page, and let in by the page's own CSP", async () => {
    const page = await request("/");
    expect(await page.text()).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    expect(page.headers.get("content-security-policy")).toMatch(/img-src 'self'/);
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const icon = await request(path);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toBe("image/svg+xml");
      const svg = await icon.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).not.toMatch(/<script|href=|url\(/i);
    }
  });
});
