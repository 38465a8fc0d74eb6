import fc from "fast-check";
import { fields, headers, hostileText, PAYLOADS } from "./hostile.ts";
import type { Case } from "./live-links.ts";
import { bodyWith, type Encoding, type Fields, READABLE } from "./requests.ts";

const local = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const domain = fc.constantFrom("voorbeeld.nl", "example.com", "post.example.org");

/** Characters no address may hold where they are put: in the local part, unquoted. */
const notInLocalPart = fc.constantFrom(" ", '"', ",", ";", ":", "<", ">", "[", "]", "\\", "\u0000", "\r\n", "\t");
/** Characters no domain name may hold. */
const notInDomain = fc.constantFrom(
  "/",
  "?",
  "#",
  ":",
  "\\",
  "%",
  "%2e",
  " ",
  "\t",
  "\n",
  "\r\n",
  "\u0000",
  "<",
  ">",
  ",",
  ";",
  "[",
  "]",
  "*",
  "!",
);

/** Inserts before one of the characters: at the very end, whitespace would rightly be trimmed off. */
const insertAt = (text: string, at: number, insert: string) =>
  text.slice(0, at % text.length) + insert + text.slice(at % text.length);

/** Addresses that are invalid by construction, whatever validator the Worker uses. */
const invalidEmail = fc.oneof(
  fc.constantFrom("", " ", "\t", "\r\n", "\u00a0"),
  hostileText,
  fc.tuple(local, domain).map(([name, host]) => `${name}${host}`),
  fc
    .tuple(local, domain)
    .chain(([name, host]) => fc.constantFrom(`@${host}`, `${name}@`, `${name}@@${host}`, `${name}@${host}@`)),
  fc
    .tuple(local, fc.constantFrom(...PAYLOADS), notInLocalPart, local, domain)
    .map(([before, payload, bad, after, host]) => `${before}${payload.replaceAll("@", "")}${bad}${after}@${host}`),
  fc.tuple(local, domain, fc.nat(), notInDomain).map(([name, host, at, bad]) => `${name}@${insertAt(host, at, bad)}`),
  fc
    .tuple(local, domain, fc.integer({ min: 255, max: 2000 }))
    .map(([name, host, length]) => `${name.padEnd(length, "a")}@${host}`),
);

/** A first name that stays over 60 characters however it is cleaned up. */
const tooLongName = fc
  .tuple(fc.integer({ min: 61, max: 300 }), hostileText)
  .map(([length, text]) => "x".repeat(length) + text);

// The honeypot ("website") is left out: a bot that fills it is told "done" on purpose, and nothing is stored.
const otherFields = fields.map((list) => list.filter(([name]) => !["email", "voornaam", "website"].includes(name)));

const invalidForm: fc.Arbitrary<Fields> = fc.oneof(
  fc
    .tuple(invalidEmail, fc.option(hostileText), otherFields)
    .map(
      ([email, name, extra]): Fields => [
        ["email", email],
        ...(name === null ? [] : [["voornaam", name] as [string, string]]),
        ...extra,
      ],
    ),
  fc
    .tuple(local, domain, tooLongName, otherFields)
    .map(([name, host, firstName, extra]): Fields => [["email", `${name}@${host}`], ["voornaam", firstName], ...extra]),
  otherFields,
);

/** A valid signup in a body over the form limit: refused unread, whether its length is declared or it is streamed. */
const oversized = fc
  .tuple(
    local,
    domain,
    bodyWith(fc.constant([]), fc.constantFrom<Encoding>(...READABLE)),
    fc.constantFrom<"sized" | "streamed">("sized", "streamed"),
  )
  .map(([name, host, body, huge]) => ({ ...body, fields: [["email", `${name}@${host}`]] as Fields, huge }));

/** Signups the form must refuse with its Dutch message, in every encoding and size. */
export const invalidSignups: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(
      {
        weight: 9,
        arbitrary: fc.tuple(invalidForm, bodyWith(fc.constant([]))).map(([list, body]) => ({ ...body, fields: list })),
      },
      { weight: 1, arbitrary: oversized },
    ),
    headers,
  )
  .map(([body, requestHeaders]) => ({
    request: { method: "POST", path: "/inschrijven", headers: requestHeaders, body },
    expected: { status: 422, text: 'role="alert"' },
  }));
