import { describe, expect, it } from "vitest";
import { completeDevVars, loginNote } from "../scripts/dev-vars.ts";

const secret = () => "a-fresh-random-secret-of-enough-length-000";

describe("npm run dev's .dev.vars", () => {
  it("is created with a random TOKEN_SECRET and SESSION_SECRET and the local outbox switched on by name", () => {
    let made = 0;
    const { text, added } = completeDevVars(null, () => `a-fresh-random-secret-of-enough-length-00${made++}`);
    expect(text).toContain("TOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n");
    expect(text).toContain("SESSION_SECRET=a-fresh-random-secret-of-enough-length-001\n");
    expect(text).toContain("MAIL_TRANSPORT=outbox\n");
    expect(text).toContain("ADMIN_PASSWORD=a-fresh-random-secret-of-enough-length-002\n");
    expect(added).toEqual(["TOKEN_SECRET", "SESSION_SECRET", "MAIL_TRANSPORT", "ADMIN_PASSWORD"]);
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
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nMAIL_TRANSPORT=resend\nADMIN_PASSWORD=my-own-password-for-beheer\n";
    expect(completeDevVars(existing, secret)).toEqual({ text: existing, added: [] });
  });

  it("gains a random TOKEN_SECRET when an existing file lacks one, instead of a broken server", () => {
    const { text, added } = completeDevVars(
      "MAIL_TRANSPORT=outbox\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nADMIN_PASSWORD=my-own-password-for-beheer\n",
      secret,
    );
    expect(text).toBe(
      "MAIL_TRANSPORT=outbox\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nADMIN_PASSWORD=my-own-password-for-beheer\nTOKEN_SECRET=a-fresh-random-secret-of-enough-length-000\n",
    );
    expect(added).toEqual(["TOKEN_SECRET"]);
  });

  it("gains a random SESSION_SECRET when a file from before the author's session had its own key", () => {
    const existing =
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nMAIL_TRANSPORT=outbox\nADMIN_PASSWORD=my-own-password-for-beheer\n";
    const { text, added } = completeDevVars(existing, secret);
    expect(text).toBe(`${existing}SESSION_SECRET=a-fresh-random-secret-of-enough-length-000\n`);
    expect(added).toEqual(["SESSION_SECRET"]);
  });

  it("gains a random ADMIN_PASSWORD when it has none, so the author can log in to /beheer", () => {
    const mine =
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nMAIL_TRANSPORT=outbox\n";
    const { text, added } = completeDevVars(mine, secret);
    expect(text).toBe(`${mine}ADMIN_PASSWORD=a-fresh-random-secret-of-enough-length-000\n`);
    expect(added).toEqual(["ADMIN_PASSWORD"]);
  });

  it("fills in an empty ADMIN_PASSWORD= line where it stands instead of leaving the author locked out", () => {
    const { text, added } = completeDevVars(
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nADMIN_PASSWORD=\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nMAIL_TRANSPORT=outbox\n",
      secret,
    );
    expect(text).toBe(
      "TOKEN_SECRET=mine-and-long-enough-0123456789abcdef\nADMIN_PASSWORD=a-fresh-random-secret-of-enough-length-000\nSESSION_SECRET=mine-too-and-long-enough-0123456789\nMAIL_TRANSPORT=outbox\n",
    );
    expect(added).toEqual(["ADMIN_PASSWORD"]);
  });
});

describe("npm run dev's login line", () => {
  const url = "http://localhost:8795";

  it("shows a password just made once, with the login address on the port the server got", () => {
    const note = loginNote({
      url,
      devVars: "ADMIN_PASSWORD=een-vers-wachtwoord-van-lengte\n",
      args: [],
      madePassword: true,
    });
    expect(note).toBe(
      "dev: inloggen op http://localhost:8795/beheer/inloggen met het wachtwoord een-vers-wachtwoord-van-lengte (het staat als ADMIN_PASSWORD in .dev.vars)",
    );
  });

  it("does not show a password the developer chose herself, only where to find it", () => {
    const note = loginNote({
      url,
      devVars: "ADMIN_PASSWORD=mijn-eigen-wachtwoord-hier\n",
      args: [],
      madePassword: false,
    });
    expect(note).toBe(
      "dev: inloggen op http://localhost:8795/beheer/inloggen met het wachtwoord ADMIN_PASSWORD uit .dev.vars",
    );
    expect(note).not.toContain("mijn-eigen-wachtwoord-hier");
  });

  it("names the password passed with --var, which wins over .dev.vars", () => {
    const note = loginNote({
      url,
      devVars: "ADMIN_PASSWORD=een-vers-wachtwoord-van-lengte\n",
      args: ["--var", "ADMIN_PASSWORD:een-ander-wachtwoord-nog"],
      madePassword: true,
    });
    expect(note).toBe(
      "dev: inloggen op http://localhost:8795/beheer/inloggen met het ADMIN_PASSWORD dat je met --var meegaf",
    );
  });
});
