import * as z from "zod/mini";
import { type CsvRecord, lastLine } from "../../mechanisms/lib/csv.ts";
import { mailboxOf } from "./mailbox.ts";
import { emailField, type FieldMessages, nameField } from "./signup-form.ts";
import { likelyMeant } from "./typos.ts";

/** Rows per import: enough for most lists, small enough to finish well inside one request. */
export const MAX_IMPORT_ROWS = 2000;

/** A row left out of an import, and why, in Dutch. */
export type ImportProblem = { line: number; reason: string };

/** The form's checks, told to the author about a row of her list (not to the reader about her own address). */
const authorMessages: FieldMessages = {
  emailMissing: "Op deze regel staat geen e-mailadres.",
  emailTooLong: "Dit e-mailadres is te lang om te kloppen. Kijk het na in je lijst.",
  emailInvalid: "Dit e-mailadres lijkt niet te kloppen. Kijk het na in je lijst.",
  nameTooLong: "De voornaam is te lang voor de mails: hoogstens 60 tekens. Een roepnaam is ook goed.",
  nameLinkLike: "De voornaam bevat een link of e-mailadres; die kan niet in een mail.",
};

const rowSchema = z.object({ email: emailField(authorMessages), voornaam: nameField(authorMessages) });

const emailHeaders = new Set([
  "email",
  "e-mail",
  "e-mailadres",
  "emailadres",
  "email address",
  "e-mail address",
  "adres",
  "mail",
]);
const nameHeaders = new Set(["naam", "voornaam", "name", "first name", "firstname", "first_name", "roepnaam"]);

/** A good row of a list: a valid address and an optional name. */
export type Candidate = { line: number; email: string; firstName: string | null };

/** A field from our own export comes back with its formula guard (a leading ') taken off. */
const undefused = (value: string) => value.trim().replace(/^'(?=[=+\-@])/, "");

/** Why a later line with the mailbox of an `earlier` row is left out: the very address, or another spelling of it. */
function sameAs(earlier: Candidate, email: string): string {
  return email.toLowerCase() === earlier.email.toLowerCase()
    ? `Dit adres staat al eerder in het bestand (regel ${earlier.line}).`
    : `Dit adres komt in dezelfde mailbox aan als dat op regel ${earlier.line}, dus deze lezer staat er al in.`;
}

/**
 * The rows of a list as address and optional name, each bad row with its line and a Dutch reason:
 * every line of the file is either a candidate or a problem (or empty).
 * A first row without an address is read as headers naming the columns; else address, then name.
 */
export function readList(records: CsvRecord[]): { candidates: Candidate[]; problems: ImportProblem[] } | string {
  if (records.length === 0) return "Het bestand is leeg.";
  let emailColumn = 0;
  let nameColumn: number | undefined = 1;
  let rows = records;
  const head = records[0]!;
  // An unreadable first line names no columns: it is reported with the rows.
  const first = "fields" in head ? head.fields.map((field) => field.trim().toLowerCase()) : null;
  if (first && !first.some((field) => field.includes("@"))) {
    emailColumn = first.findIndex((field) => emailHeaders.has(field));
    if (emailColumn < 0) return "De eerste regel noemt geen kolom met e-mailadressen (bijvoorbeeld “e-mailadres”).";
    const name = first.findIndex((field) => nameHeaders.has(field));
    nameColumn = name < 0 ? undefined : name;
    rows = records.slice(1);
  }
  if (rows.length > MAX_IMPORT_ROWS)
    return `Dit bestand heeft ${rows.length} regels; er kunnen er ${MAX_IMPORT_ROWS} per keer. Splits het in delen.`;
  const candidates: Candidate[] = [];
  const problems: ImportProblem[] = [];
  // Each mailbox's first good row: one mailbox is one reader, however its address is spelt.
  const seen = new Map<string, Candidate>();
  for (const record of records)
    if ("fields" in record)
      for (let part = record.line + 1; part <= lastLine(record); part++)
        problems.push({
          line: part,
          reason: `Niet apart gelezen: hoort bij regel ${record.line}, waar een veld tussen aanhalingstekens (") over meer regels loopt.`,
        });
  for (const row of rows) {
    const { line } = row;
    if (!("fields" in row)) {
      problems.push({ line, reason: row.unreadable });
      continue;
    }
    const email = undefused(row.fields[emailColumn] ?? "");
    const voornaam = nameColumn === undefined ? undefined : undefused(row.fields[nameColumn] ?? "");
    // No address or name holds a line break: a stray quote opened this field, and one lines later closed it.
    if (`${email}${voornaam ?? ""}`.includes("\n")) {
      problems.push({
        line,
        reason: `Het adres of de naam loopt over meer regels: een aanhalingsteken (") op deze regel sluit pas op regel ${lastLine(row)}. Haal het losse aanhalingsteken weg en importeer deze regels opnieuw.`,
      });
      continue;
    }
    const parsed = rowSchema.safeParse({ email, voornaam });
    if (!parsed.success) {
      problems.push({ line, reason: parsed.error.issues[0]?.message ?? "Deze regel kon niet gelezen worden." });
      continue;
    }
    const meant = likelyMeant(parsed.data.email);
    if (meant) {
      problems.push({
        line,
        reason: `Dit adres lijkt een typfout: bedoelde je ${meant}? Pas het aan in je lijst en importeer deze regel opnieuw.`,
      });
      continue;
    }
    const key = mailboxOf(parsed.data.email);
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({ line, reason: sameAs(earlier, parsed.data.email) });
      continue;
    }
    const candidate = { line, email: parsed.data.email, firstName: parsed.data.voornaam ?? null };
    seen.set(key, candidate);
    candidates.push(candidate);
  }
  return { candidates, problems };
}
