import { describe, expect, it } from "vitest";
import { completeDevVars } from "../scripts/dev-vars.ts";

const secret = () => "a-fresh-random-secret-of-enough-length-000";

describe("npm run dev's .dev.vars", () => {
  it("is created with a random TOKEN_SECRET and the local outbox switched on by name", () => {
    const { text, added } = completeDevVars(null, secret);
    expect(text).toContain("TOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n");
    expect(text).toContain("MAIL_TRANSPORT=outbox\n");
    expect(added).toEqual(["TOKEN_SECRET", "MAIL_TRANSPORT"]);
  });

  it("gains MAIL_TRANSPORT=outbox when an existing file lacks it, keeping what was there", () => {
    const { text, added } = completeDevVars(
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nADMIN_PASSWORD=x",
      secret,
    );
    expect(text).toBe("TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nADMIN_PASSWORD=x\nMAIL_TRANSPORT=outbox\n");
    expect(added).toEqual(["MAIL_TRANSPORT"]);
  });

  it("leaves a MAIL_TRANSPORT the developer chose alone", () => {
    const existing = "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nMAIL_TRANSPORT=resend\n";
    expect(completeDevVars(existing, secret)).toEqual({ text: existing, added: [] });
  });

  it("gains a random TOKEN_SECRET when an existing file lacks one, instead of a broken server", () => {
    const { text, added } = completeDevVars("MAIL_TRANSPORT=outbox\n", secret);
    expect(text).toBe("MAIL_TRANSPORT=outbox\nTOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n");
    expect(added).toEqual(["TOKEN_SECRET"]);
  });
});
