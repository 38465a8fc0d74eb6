import * as z from "zod/mini";

/** Trims the address and lower-cases its domain (in its ASCII form), leaving the local part as typed. */
export function normaliseEmail(input: string): string {
  const value = input.trim();
  const at = value.lastIndexOf("@");
  if (at < 1 || at === value.length - 1) return value;
  let domain = value.slice(at + 1).toLowerCase();
  // The URL parser drops tabs and newlines, decodes %-escapes and stops at "/", "?", "#" or ":",
  // which would turn "anna@voorbeeld.nl/x" into a valid other address; only a plain domain goes in.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return value;
  try {
    domain = new URL(`http://${domain}`).hostname;
  } catch {
    return value;
  }
  return `${value.slice(0, at)}@${domain}`;
}

const controlCharacters = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * The name goes into our mail ("Hoi Anna,"): it must not carry a link or an address there.
 * `://`, `www.`, `@`, or a word-dot-word that reads as a domain ("kwaad.biz"); initials like "J.P." pass.
 */
const linkLike = /:\/\/|www\.|@|[\p{L}\p{N}-]\.\p{L}{2,}/iu;

/** What the address and name checks say, in the voice of whoever reads them. */
export type FieldMessages = {
  emailMissing: string;
  emailTooLong: string;
  emailInvalid: string;
  nameTooLong: string;
  nameLinkLike: string;
};

/** The address check: trimmed, at most 254 characters, its domain normalised, and valid. */
export function emailField(messages: FieldMessages) {
  return z.pipe(
    z.pipe(
      z
        .string({ message: messages.emailMissing })
        .check(z.trim(), z.minLength(1, messages.emailMissing), z.maxLength(254, messages.emailTooLong)),
      z.transform(normaliseEmail),
    ),
    z.email(messages.emailInvalid),
  );
}

/** The optional first name check: control characters and runs of spaces go, then no more than 60 characters and nothing link-like. */
export function nameField(messages: FieldMessages) {
  return z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform(
        (value: string | undefined) => value?.replace(controlCharacters, "").replace(/\s+/g, " ").trim() || undefined,
      ),
    ),
    z.optional(
      z.string().check(
        z.maxLength(60, messages.nameTooLong),
        z.refine((name) => !linkLike.test(name), messages.nameLinkLike),
      ),
    ),
  );
}

/** The form's messages, to the reader herself. */
const readerMessages: FieldMessages = {
  emailMissing: "Vul je e-mailadres in.",
  emailTooLong: "Dit e-mailadres is te lang. Kijk je het even na?",
  emailInvalid: "Dit lijkt geen geldig e-mailadres. Kijk je het even na?",
  nameTooLong: "Je voornaam is te lang voor onze mails: hoogstens 60 tekens. Een roepnaam is ook goed.",
  nameLinkLike: "Je voornaam kan geen link of e-mailadres bevatten.",
};

/** The signup form: address, optional first name, and where the form was (the page or the embed). */
export const signupSchema = z.object({
  email: emailField(readerMessages),
  voornaam: nameField(readerMessages),
  bron: z.catch(z.enum(["formulier", "embed"]), "formulier"),
});

export type SignupInput = z.infer<typeof signupSchema>;
