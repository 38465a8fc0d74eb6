import { describe, expect, it } from "vitest";
import { request } from "./helpers.ts";
import { contrast } from "./mail-html.ts";

const sixDigits = (hex: string) => `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex}`;

/** The custom properties of the page's light palette and of its dark one. */
async function palettes() {
  const css = await (await request("/")).text();
  const [light, dark] = [...css.matchAll(/:root\{color-scheme[^}]*\}|:root\{--bg[^}]*\}/g)].map((match) =>
    Object.fromEntries(
      [...match[0].matchAll(/--([a-z]+):#([0-9a-f]{6}|[0-9a-f]{3})\b/g)].map((m) => [m[1]!, sixDigits(m[2]!)]),
    ),
  );
  return { css, light: light!, dark: dark! };
}

describe("the edges of form fields and quiet buttons", () => {
  it("are drawn in a colour of their own", async () => {
    const { css } = await palettes();
    expect(css).toMatch(/textarea,select\{[^}]*border:1px solid var\(--edge\)/);
    expect(css).toMatch(/button\.quiet\{[^}]*border:1px solid var\(--edge\)/);
  });

  it("stand out at least 3:1 from the field and the page, in light and dark (WCAG 1.4.11)", async () => {
    const { light, dark } = await palettes();
    for (const [mode, palette] of Object.entries({ light, dark })) {
      for (const background of ["card", "bg"]) {
        expect(contrast(palette.edge!, palette[background]!), `${mode}: edge on ${background}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    }
  });
});
