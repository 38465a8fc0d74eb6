import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { BASE } from "../helpers.ts";
import { anyMethod, fields, headers, hostileText } from "./hostile.ts";

export type Fields = [string, string][];

/** How a body is framed: the encodings the Worker reads, and ones it must refuse calmly. */
export type Encoding =
  | "urlencoded"
  | "multipart"
  | "json"
  | "text"
  | "no-type"
  | "bogus-boundary"
  | "no-boundary"
  | "utf-16";

/**
 * A request as fast-check generates and prints it: small and readable. The
 * body is built only when sent, so a 1 MB input never lands in a failure report.
 */
export type FuzzRequest = {
  method: string;
  path: string;
  headers: [string, string][];
  body?: {
    encoding: Encoding;
    fields: Fields;
    /** Invalid UTF-8 bytes inside the first value. */
    brokenUtf8?: boolean;
    /** About 1 MB more in a padding field, with its length declared, or streamed without one. */
    huge?: "sized" | "streamed";
  };
};

export const READABLE: Encoding[] = ["urlencoded", "multipart"];
export const UNREADABLE: Encoding[] = ["json", "text", "no-type", "bogus-boundary", "no-boundary"];
const encoding = fc.constantFrom<Encoding>(...READABLE, ...UNREADABLE, "utf-16");

const BROKEN_UTF8 = [0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80];
const BOUNDARY = "----fuzzgrens7MA4YWxkTrZu0gW";

const CONTENT_TYPES: Record<Encoding, string | null> = {
  urlencoded: "application/x-www-form-urlencoded",
  multipart: `multipart/form-data; boundary=${BOUNDARY}`,
  json: "application/json",
  text: "text/plain;charset=UTF-8",
  "no-type": null,
  "bogus-boundary": 'multipart/form-data; boundary="--niet-deze"',
  "no-boundary": "multipart/form-data",
  "utf-16": "application/x-www-form-urlencoded; charset=utf-16",
};

type Part = string | number[];

/** A field name fit for a part header: quotes, backslashes and control characters would break the header itself, not test the Worker. */
const partName = (name: string) => name.replace(/["\\\p{Cc}]/gu, "") || "_";

/** The body's parts; with `broken`, invalid UTF-8 goes inside the first value, raw (and percent-encoded in a urlencoded body). */
function serialise(encoding: Encoding, list: Fields, broken: boolean): Part[] {
  const inFirst = (index: number, ...extra: Part[]): Part[] => (broken && index === 0 ? extra : []);
  switch (encoding) {
    case "json":
      return [
        "{",
        ...list.flatMap(([name, value], i) => [
          i ? "," : "",
          `${JSON.stringify(name)}:${JSON.stringify(value).slice(0, -1)}`,
          ...inFirst(i, BROKEN_UTF8),
          '"',
        ]),
        "}",
      ];
    case "text":
      return list.flatMap(([name, value], i) => [i ? "\n" : "", `${name}=${value}`, ...inFirst(i, BROKEN_UTF8)]);
    case "multipart":
    case "bogus-boundary":
    case "no-boundary":
      return [
        ...list.flatMap(([name, value], i) => [
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${partName(name)}"\r\n\r\n${value}`,
          ...inFirst(i, BROKEN_UTF8),
          "\r\n",
        ]),
        `--${BOUNDARY}--\r\n`,
      ];
    default:
      return list.flatMap((field, i) => [
        i ? "&" : "",
        new URLSearchParams([field]).toString(),
        ...inFirst(i, BROKEN_UTF8, "%FF%C3%28%ED%A0%80"),
      ]);
  }
}

function bodyBytes({ encoding, fields: list, brokenUtf8 = false, huge }: NonNullable<FuzzRequest["body"]>): Uint8Array {
  const chunks = serialise(encoding, huge ? [...list, ["opvulling", "a".repeat(1_000_000)]] : list, brokenUtf8).map(
    (part) => (typeof part === "string" ? new TextEncoder().encode(part) : new Uint8Array(part)),
  );
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** A generated request in one line for a failure message, long values cut short. */
export function describeRequest({ method, path, headers: sentHeaders, body }: FuzzRequest): string {
  const short = ([name, value]: [string, string]) => [
    name.slice(0, 60),
    value.length > 60 ? `${value.slice(0, 60)}… (${value.length})` : value,
  ];
  return `${method} ${path.slice(0, 200)} ${JSON.stringify({ headers: sentHeaders.map(short), body: body && { ...body, fields: body.fields.map(short) } })}`;
}

/** True when the body is sent as generated: no broken bytes, no padding, no header that changes how it is read. */
export function plainBody({ headers: sentHeaders, body }: FuzzRequest): boolean {
  return !body?.huge && !body?.brokenUtf8 && !sentHeaders.some(([name]) => name.startsWith("content-"));
}

/** A body sent in chunks with no declared length (a Blob's stream would declare it). */
function unknownLength(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Sends a generated request to the Worker as a client on the internet would; returns the method and path as sent. */
export async function send(request: FuzzRequest): Promise<{ method: string; path: string; response: Response }> {
  const requestHeaders = new Headers();
  let body: BodyInit | undefined;
  if (request.body) {
    const bytes = bodyBytes(request.body);
    body = request.body.huge === "streamed" ? unknownLength(bytes) : bytes;
    const type = CONTENT_TYPES[request.body.encoding];
    if (type) requestHeaders.set("content-type", type);
  }
  for (const [name, value] of request.headers) requestHeaders.append(name, value);
  const sent = new Request(`${BASE}${request.path}`, {
    method: request.method,
    headers: requestHeaders,
    body,
    redirect: "manual",
  });
  const { method, url } = sent;
  return { method, path: new URL(url).pathname, response: await exports.default.fetch(sent) };
}

/** A body for a method that may carry one: some encoding, some fields, now and then broken or huge. */
export function bodyWith(fieldsArbitrary: fc.Arbitrary<Fields>, encodings: fc.Arbitrary<Encoding> = encoding) {
  return fc.record(
    {
      encoding: encodings,
      fields: fieldsArbitrary,
      brokenUtf8: fc.boolean(),
      huge: fc.oneof(
        { weight: 30, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom<"sized" | "streamed">("sized", "streamed") },
      ),
    },
    { requiredKeys: ["encoding", "fields"] },
  );
}

/** A path segment as a browser encodes it (lone surrogates too, which encodeURIComponent refuses). */
export const segment = (raw: string) => new URLSearchParams([["", raw]]).toString().slice(1);

/** A path segment where a token goes: token-shaped, almost token-shaped, hostile, encoded, traversing, overlong. */
const tokenSegment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,42}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{44,80}$/),
  fc.stringMatching(/^[A-Za-z0-9+/]{42}=$/),
  hostileText.map(segment),
  hostileText,
  fc.constantFrom("..", ".", "%2e%2e", "%2F", "%00", "%", "a%2Fb", "%C0%AE%C0%AE", "A".repeat(20_000)),
);

const route = fc.oneof(
  fc.constantFrom(
    "/",
    "/inschrijven",
    "/ingeschreven",
    "/dev/outbox",
    "/dev/outbox.json",
    "/beheer",
    "/webhooks/resend",
    "/__scheduled",
    "/cdn-cgi/handler/scheduled",
    "//",
    "/%2e%2e/",
  ),
  fc
    .tuple(
      fc.constantFrom(
        "/bevestig/",
        "/reflectie/",
        "/afmelden/",
        "/voorkeuren/",
        "/AFMELDEN/",
        "/%61fmelden/",
        "//afmelden/",
      ),
      tokenSegment,
    )
    .map(([prefix, token]) => prefix + token),
  fc.tuple(tokenSegment, tokenSegment).map(([token, key]) => `/reflectie/${token}/${key}`),
  fc
    .tuple(fc.oneof(fc.stringMatching(/^[0-9]{1,30}$/), tokenSegment), fc.constantFrom("", "/text", "/../1"))
    .map(([id, tail]) => `/dev/outbox/${id}${tail}`),
  fc.array(tokenSegment, { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join("/")}`),
);

/** Any path on the site, with now and then a hostile query, a fragment or a trailing slash. */
const anyPath = fc
  .tuple(
    route,
    fc.constantFrom("", "/", "?", "#x", "/../afmelden/x", "/./"),
    fc.option(fc.array(fc.tuple(hostileText, hostileText), { maxLength: 3 })),
  )
  .map(([path, tail, query]) => `${path}${tail}${query ? `?${new URLSearchParams(query)}` : ""}`);

/** Any request at all: any method, path, headers and body, but never a link that is live in the database. */
export const anyRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({ method: anyMethod, path: anyPath, headers, body: bodyWith(fields) })
  .map(({ body, ...request }) => (["GET", "HEAD", "get"].includes(request.method) ? request : { ...request, body }));
