import { describe, expect, it } from "vitest";
import { CARE_LINES, HELP_LINES } from "../worker/domain/help/lines.ts";
import { request } from "./helpers.ts";

async function helpPage() {
  const response = await request("/hulp");
  expect(response.status).toBe(200);
  return { response, body: await response.text() };
}

/** The part of the page under one heading, up to the next. */
function section(body: string, heading: string): string {
  const start = body.indexOf(`<h2>${heading}</h2>`);
  expect(start).toBeGreaterThan(-1);
  const next = body.indexOf("<h2>", start + 1);
  return body.slice(start, next === -1 ? undefined : next);
}

describe("the help page", () => {
  it("says calmly where to turn, as a page of the site", async () => {
    const { response, body } = await helpPage();
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(body).toContain('<html lang="nl">');
    expect(body).toContain("<h1>Als het te veel wordt</h1>");
    expect(body).toContain("zijn bedoeld om rustig bij stil te staan");
    expect(body).toMatch(/weken\s+uitgeput,/);
    expect(body).not.toMatch(/weken\s+op,/);
  });

  it("gives every number in the Netherlands as a link to call", async () => {
    const { body } = await helpPage();
    const nl = section(body, "In Nederland");
    expect(nl).toContain("huisarts");
    expect(nl).toContain("bedrijfsarts");
    expect(nl).toContain("113 Zelfmoordpreventie");
    expect(nl).toContain('<a href="tel:113">113</a>');
    expect(nl).toContain("0800-0113");
    expect(nl).toContain("De Luisterlijn");
    expect(nl).toContain('<a href="tel:0880767000">088 0767 000</a>');
    expect(nl).toContain("Veilig Thuis");
    expect(nl).toContain('<a href="tel:08002000">0800-2000</a>');
    expect(nl).toContain("Mantelzorglijn");
    expect(nl).not.toContain("1813");
  });

  it("gives every number in Belgium as a link to call", async () => {
    const { body } = await helpPage();
    const be = section(body, "In België");
    expect(be).toContain("huisarts");
    expect(be).toContain("psycholoog");
    expect(be).toContain("Zelfmoordlijn 1813");
    expect(be).toContain('<a href="tel:1813">1813</a>');
    expect(be).toContain("Tele-Onthaal");
    expect(be).toContain('<a href="tel:106">106</a>');
    expect(be).toContain("Hulplijn 1712");
    expect(be).toContain('<a href="tel:1712">1712</a>');
    expect(be).toContain("CAW");
    expect(be).toContain('<a href="tel:080013500">0800 13 500</a>');
    expect(be).toContain('<a href="https://www.mantelzorgers.be">mantelzorgers.be</a>');
    expect(be).not.toContain("tel:113");
  });

  it("puts 112 first, for both countries, with the Belgian police", async () => {
    const { body } = await helpPage();
    const danger = section(body, "Bij direct gevaar");
    expect(body.indexOf("<h2>Bij direct gevaar</h2>")).toBeLessThan(body.indexOf("<h2>In Nederland</h2>"));
    expect(danger).toContain('<a href="tel:112">112</a>');
    expect(danger).toContain("In België bel je voor de politie rechtstreeks 101.");
  });

  it("gives the lines for right now in each country before the huisarts", async () => {
    const { body } = await helpPage();
    const nl = section(body, "In Nederland");
    expect(nl.indexOf("113 Zelfmoordpreventie")).toBeLessThan(nl.indexOf("huisarts"));
    const be = section(body, "In België");
    expect(be.indexOf("Zelfmoordlijn 1813")).toBeLessThan(be.indexOf("huisarts"));
  });

  it("says when a chat is open only where that was checked, and otherwise sends her to the site", async () => {
    const { body } = await helpPage();
    expect(body).toContain(
      '<a href="https://www.zelfmoord1813.be">zelfmoord1813.be</a> (elke avond van 17 tot 24 uur)',
    );
    expect(body).toContain('<a href="https://www.113.nl">113.nl</a> (dag en nacht)');
    for (const site of ["tele-onthaal.be", "deluisterlijn.nl", "veiligthuis.nl", "1712.be"])
      expect(body).toContain(`<a href="https://www.${site}">${site}</a> (kijk daar wanneer de chat open is)`);
  });

  it("shows every line of the one source, each with its number to call", async () => {
    const { body } = await helpPage();
    for (const line of [...CARE_LINES, ...HELP_LINES]) {
      expect(line.tel).toMatch(/^[0-9]+$/);
      expect(body).toContain(line.name);
      expect(body).toContain(`<a href="tel:${line.tel}">${line.phone}</a>`);
    }
  });
});
