import type * as z from "zod/mini";

/** A content mistake, named by file, field and reason so the author can fix it. */
export class ContentError extends Error {
  readonly file: string;
  readonly field: string;
  readonly reason: string;

  constructor(file: string, field: string, reason: string) {
    super(`${file}: ${field}: ${reason}`);
    this.name = "ContentError";
    this.file = file;
    this.field = field;
    this.reason = reason;
  }
}

const typeNames: Record<string, string> = {
  string: "tekst",
  number: "een getal",
  int: "een geheel getal",
  object: "een blok met velden",
  array: "een lijst",
};

function tooSmall(origin: string, minimum: number | bigint): string {
  if (origin === "string") return minimum === 1 ? "is leeg" : `is te kort: minstens ${minimum} tekens`;
  if (origin === "array") return `heeft er te weinig: minstens ${minimum}`;
  return `moet minstens ${minimum} zijn`;
}

function tooBig(origin: string, maximum: number | bigint): string {
  if (origin === "string") return `is te lang: hoogstens ${maximum} tekens`;
  if (origin === "array") return `heeft er te veel: hoogstens ${maximum}`;
  return `mag hoogstens ${maximum} zijn`;
}

/**
 * Dutch reasons for zod's generic issues, for the author who reads them; a
 * message written on the schema itself takes precedence over these.
 */
export const dutchReasons: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "ontbreekt" : `moet ${typeNames[issue.expected] ?? issue.expected} zijn`;
    case "too_small":
      return tooSmall(issue.origin, issue.minimum);
    case "too_big":
      return tooBig(issue.origin, issue.maximum);
    case "unrecognized_keys":
      return `onbekend veld: ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_format":
      return issue.format === "url" ? "is geen geldige link (begin met https://)" : "heeft niet de goede vorm";
    default:
      return undefined;
  }
};
