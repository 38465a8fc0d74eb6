import { describe, expect, it } from "vitest";
import { completeDevVars } from "../scripts/dev-vars.ts";

const secret = () => "a-fresh-random-secret-of-enough-length-000";

describe("npm run dev's .dev.vars", () => {
  it("is created with a random TOKEN_SECRET and SESSION_SECRET and the local outbox switched on by name", () => {
    let made = 0;
    const { text, added } = completeDevVars(null, () => `a-fresh-random-secret-of-enough-length-00${made++}`);
    expect(text).toContain("TOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n");
    expect(text).toContain("SESSION_SECRET=a-fresh-random-secret-of-enough-length-001\n");
    expect(text).toContain("MAIL_TRANSPORT=outbox\n");
    expect(added).toEqual(["TOKEN_SECRET", "SESSION_SECRET", "MAIL_TRANSPORT"]);
  });

  it("gains MAIL_TRANSPORT=outbox when an existing file lacks it, keeping what was there", () => {
    const mine =
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nSESSION_SECRET=mine-too-and-long-enough-0123456789\n";
    const { text, added } = completeDevVars(`${mine}ADMIN_PASSWORD=x`, secret);
    expect(text).toBe(`${mine}ADMIN_PASSWORD=x\nMAIL_TRANSPORT=outbox\n`);
    expect(added).toEqual(["MAIL_TRANSPORT"]);
  });

  it("leaves a MAIL_TRANSPORT the developer chose alone", () => {
    const existing =
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nMAIL_TRANSPORT=resend\n";
    expect(completeDevVars(existing, secret)).toEqual({ text: existing, added: [] });
  });

  it("gains a random TOKEN_SECRET when an existing file lacks one, instead of a broken server", () => {
    const { text, added } = completeDevVars(
      "MAIL_TRANSPORT=outbox\nSESSION_SECRET=mine-too-and-long-enough-0123456789\n",
      secret,
    );
    expect(text).toBe(
      "MAIL_TRANSPORT=outbox\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nTOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n",
    );
    expect(added).toEqual(["TOKEN_SECRET"]);
  });

  it("gains a random SESSION_SECRET when a file from before the author's session had its own key", () => {
    const existing = "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nMAIL_TRANSPORT=outbox\n";
    const { text, added } = completeDevVars(existing, secret);
    expect(text).toBe(`${existing}SESSION_SECRET=a-fresh-random-secret-of-enough-length-000\n`);
    expect(added).toEqual(["SESSION_SECRET"]);
  });
});
