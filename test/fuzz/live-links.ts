import fc from "fast-check";
import { fieldName, fields, headers, hostileText } from "./hostile.ts";
import {
  anyRequest,
  bodyWith,
  type Encoding,
  type Fields,
  type FuzzRequest,
  plainBody,
  READABLE,
  segment,
  UNREADABLE,
} from "./requests.ts";

/** A generated request and what its answer must show besides a clear message and no changed row. */
export type Case = { request: FuzzRequest; expected?: { status: number; text?: string; location?: string } };

/** The links of readers in every state, as their mails carry them. */
export type Readers = {
  pending: { confirm: string };
  active: { confirm: string; answer: string; keys: string[]; unsubscribe: string; preferences: string };
  /** Answered the same first question as `active`, and added words of their own. */
  answered: { answer: string };
  left: { unsubscribe: string; preferences: string };
};

const ROUTE_OF = {
  confirm: "bevestig",
  answer: "reflectie",
  unsubscribe: "afmelden",
  preferences: "voorkeuren",
} as const;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Actions the reader's page carries out (deleting also needs "zeker=ja", which is never generated). */
const ACTIONS = ["pauzeren", "hervatten", "overslaan", "ritme", "reeks", "mail", "afmelden", "exporteren"];
/** The rest of a valid rhythm form, so only the hour is wrong. */
const RHYTHM: Fields = [
  ["dag", "2"],
  ["tempo", "1"],
  ["tijdzone", "Europe/Amsterdam"],
];

/** The preferences form accepts an hour it can read as a whole number from 6 to 22. */
const validHour = (value: string) => Number.isInteger(Number(value)) && Number(value) >= 6 && Number(value) <= 22;

const post = (path: string, body: FuzzRequest["body"], requestHeaders: [string, string][]): FuzzRequest => ({
  method: "POST",
  path,
  headers: requestHeaders,
  body,
});

const otherFields = fields.map((list) =>
  list.filter(([name]) => !["actie", "uur", "dag", "tempo", "tijdzone", "reeks", "zeker", "notitie"].includes(name)),
);

/** Every kind of invalid or harmless request to the readers' real links; none of them may change a row. */
export function liveLinkCases(readers: Readers): fc.Arbitrary<Case> {
  const { pending, active, answered, left } = readers;
  const tokens = [
    { purpose: "confirm", token: pending.confirm },
    { purpose: "confirm", token: active.confirm },
    { purpose: "answer", token: active.answer },
    { purpose: "answer", token: answered.answer },
    { purpose: "unsubscribe", token: active.unsubscribe },
    { purpose: "unsubscribe", token: left.unsubscribe },
    { purpose: "preferences", token: active.preferences },
    { purpose: "preferences", token: left.preferences },
  ] as const;
  const links = [
    ...tokens.map(({ purpose, token }) => `/${ROUTE_OF[purpose]}/${token}`),
    ...active.keys.flatMap((key) => [`/reflectie/${active.answer}/${key}`, `/reflectie/${answered.answer}/${key}`]),
  ];

  // A reader's link fetched with any method but POST, with any query, headers and body: a scanner, a prefetch, a robot.
  const notPosted = fc
    .tuple(anyRequest, fc.constantFrom(...links))
    .filter(([request]) => request.method.toUpperCase() !== "POST")
    .map(
      ([request, link]): Case => ({
        request: {
          ...request,
          path: `${link}${request.path.includes("?") ? request.path.slice(request.path.indexOf("?")) : ""}`,
        },
      }),
    );

  // A real token changed by one character, cut short, lengthened, or used for another purpose than its own.
  const tampered = fc
    .record({
      request: anyRequest,
      token: fc.constantFrom(...tokens),
      route: fc.constantFrom(...Object.values(ROUTE_OF)),
      edit: fc.oneof(
        fc.constant(null),
        fc.tuple(fc.nat(42), fc.constantFrom(...ALPHABET)),
        fc.constantFrom("short", "long"),
      ),
      key: fc.constantFrom("", ...active.keys.map((key) => `/${key}`)),
    })
    .map(({ request, token, route, edit, key }) => {
      const t = token.token;
      const changed =
        edit === null
          ? t
          : edit === "short"
            ? t.slice(0, -1)
            : edit === "long"
              ? `${t}A`
              : t.slice(0, edit[0]) + edit[1] + t.slice(edit[0] + 1);
      return { request, route, changed, valid: changed === t && route === ROUTE_OF[token.purpose], key };
    })
    .filter(({ valid }) => !valid)
    .map(
      ({ request, route, changed, key }): Case => ({
        request: { ...request, path: `/${route}/${changed}${route === "reflectie" ? key : ""}` },
        expected: { status: 404 },
      }),
    );

  // The preferences form with an action it does not know, or an hour it cannot use.
  const invalidAction = fc.oneof(
    hostileText.filter((action) => !ACTIONS.includes(action)).map((action): Fields => [["actie", action]]),
    fc
      .constantFrom("Pauzeren", "pauzeren ", "PAUZEREN", "verwijderen", "Afmelden", "tijdstip")
      .map((action): Fields => [["actie", action]]),
    fc
      .oneof(
        fc.integer({ min: -1000, max: 5 }).map(String),
        fc.integer({ min: 23, max: 1_000_000 }).map(String),
        fc.constantFrom("6.5", "22.1", "", " ", "zeven", "Infinity"),
        hostileText,
      )
      .filter((hour) => !validHour(hour))
      .map((hour): Fields => [["actie", "ritme"], ["uur", hour], ...RHYTHM]),
  );
  const preferencesRefused = fc.tuple(invalidAction, otherFields, bodyWith(fc.constant([])), headers).map(
    ([action, extra, body, requestHeaders]): Case => ({
      request: post(`/voorkeuren/${active.preferences}`, { ...body, fields: [...action, ...extra] }, requestHeaders),
      expected: { status: 200, text: "er is niets veranderd" },
    }),
  );

  // A reader who left changes nothing on their preferences page, whatever they send.
  const leftReaderActions = fc
    .tuple(
      fc.oneof(fields, fc.constantFrom<Fields>([["actie", "pauzeren"]], [["actie", "ritme"], ["uur", "9"], ...RHYTHM])),
      bodyWith(fc.constant([])),
      headers,
    )
    .map(
      ([list, body, requestHeaders]): Case => ({
        request: post(`/voorkeuren/${left.preferences}`, { ...body, fields: list }, requestHeaders),
        expected: { status: 200, text: "er is niets veranderd" },
      }),
    );

  // An answer key (or number, 1 to 9, as new links carry) the question does not have: back to the question, nothing stored.
  const unknownKey = fc
    .tuple(
      fc.oneof(
        hostileText,
        fc.constantFrom(...active.keys.map((key) => key.toUpperCase()), ...active.keys.map((key) => `${key}x`)),
      ),
      bodyWith(fields),
      headers,
    )
    .filter(
      ([raw]) =>
        raw !== "" &&
        raw !== "." &&
        raw !== ".." &&
        !active.keys.includes(segment(raw)) &&
        !/^[1-9]$/.test(segment(raw)),
    )
    .map(
      ([raw, body, requestHeaders]): Case => ({
        request: post(`/reflectie/${active.answer}/${segment(raw)}`, body, requestHeaders),
        expected: { status: 303, location: `/reflectie/${active.answer}` },
      }),
    );

  // Words that are too long, or a body that is not a form at all: refused, and the reader's own words stay.
  const tooLong = fc
    .tuple(hostileText, fc.integer({ min: 2001, max: 9000 }))
    .map(([text, length]) => "woord".repeat(length / 5 + 1).slice(0, length) + text);
  const noteRefused = fc.oneof(
    fc
      .tuple(tooLong, otherFields, bodyWith(fc.constant([]), fc.constantFrom<Encoding>(...READABLE)), headers)
      .map(([note, extra, body, requestHeaders]): Case => {
        const request = post(
          `/reflectie/${answered.answer}`,
          { ...body, fields: [["notitie", note], ...extra] },
          requestHeaders,
        );
        // A body that is not plain may be refused unread; a plain form is read, and its words found too long.
        return { request, expected: { status: 422, ...(plainBody(request) ? { text: "hoogstens 2000 tekens" } : {}) } };
      }),
    fc
      .tuple(
        fc.array(fc.tuple(fc.oneof(fc.constant("notitie"), fieldName), hostileText), { maxLength: 4 }),
        bodyWith(fc.constant([]), fc.constantFrom<Encoding>(...UNREADABLE)),
        headers,
      )
      .map(
        ([list, body, requestHeaders]): Case => ({
          request: post(`/reflectie/${answered.answer}`, { ...body, fields: list }, requestHeaders),
          expected: { status: 422 },
        }),
      ),
  );

  // Links whose action is already done, or cannot apply: a second unsubscribe, a second confirmation, words without an answer.
  const alreadyDone = fc
    .tuple(
      fc.constantFrom(`/afmelden/${left.unsubscribe}`, `/bevestig/${active.confirm}`, `/reflectie/${active.answer}`),
      bodyWith(fields),
      headers,
    )
    .map(([path, body, requestHeaders]): Case => ({ request: post(path, body, requestHeaders) }));

  return fc.oneof(notPosted, tampered, preferencesRefused, leftReaderActions, unknownKey, noteRefused, alreadyDone);
}
