import fc from "fast-check";

/** Payloads an attacker or a broken client sends: SQL, HTML and script, CRLF, null bytes, odd Unicode, odd numbers. */
export const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE subscribers; --",
  '" OR 1=1 --',
  "1; UPDATE subscribers SET status='active'",
  "') UNION SELECT * FROM answers --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</textarea><script>alert(1)</script>",
  "javascript:alert(1)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant to stay literal
  "{{7*7}}${7*7}<%= 7*7 %>",
  "a\r\nBcc: slachtoffer@voorbeeld.nl",
  "\r\n\r\n<html>",
  "%0d%0aSet-Cookie:%20x=1",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202e\u2066\ufeff\u200b",
  "Z\u0351\u0361\u0300\u0316",
  "🙂👩‍👩‍👧",
  "ＡＢＣ＠ｖｏｏｒｂｅｅｌｄ．ｎｌ",
  "../../../etc/passwd",
  "..%2f..%2f",
  "%",
  "%zz",
  "%E0%A4%A",
  "__proto__",
  "constructor",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(400),
  "x".repeat(5000),
  " ",
  "",
];

/** Any text, hostile or random, but never an e-mail address: an "@" never survives. */
export const hostileText = fc
  .oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 20 }))
  .map((value) => value.replaceAll("@", ""));

/** Form field names the Worker reads, and some it does not. */
export const fieldName = fc.oneof(
  fc.constantFrom(
    "email",
    "voornaam",
    "bron",
    "actie",
    "uur",
    "notitie",
    "delen",
    "List-Unsubscribe",
    "website",
    "email[]",
    "__proto__",
    "constructor",
  ),
  hostileText.filter((name) => name.length > 0),
);

export const fields = fc.array(fc.tuple(fieldName, hostileText), { maxLength: 6 });

/** A header value a client can actually send (no CR, LF or NUL; Latin-1 only). */
const headerValue = fc
  .oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 40 }), fc.constant("a".repeat(8000)))
  .filter((value) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value));

const headerName = fc.oneof(
  fc.constantFrom(
    "accept",
    "accept-language",
    "authorization",
    "cf-connecting-ip",
    "content-encoding",
    "content-length",
    "content-type",
    "cookie",
    "host",
    "if-none-match",
    "origin",
    "range",
    "referer",
    "user-agent",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-http-method-override",
    "x-original-url",
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
);

export const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 });

/** Methods workerd lets a client send, in odd spellings too. */
export const anyMethod = fc.constantFrom(
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "TRACE",
  "PROPFIND",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "SEARCH",
  "PURGE",
  "REPORT",
  "get",
  "post",
  "Post",
  "patch",
);
