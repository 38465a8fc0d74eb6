import { CsvError, parse } from "csv-parse/sync";

/**
 * Semicolons: Excel in a Dutch (or Belgian) setting splits on ";" (the comma is the decimal
 * mark there), so a file opens in columns with a double click; the byte-order mark tells it
 * the file is UTF-8, so accents survive.
 */
export const SEPARATOR = ";";
const BOM = "\uFEFF";

/** A CSV file as Excel with Dutch settings opens it: a byte-order mark, `;` between fields, CRLF line ends. */
export function excelCsv(header: string[], rows: string[][]): string {
  return `${BOM}${[header.join(SEPARATOR), ...rows.map((row) => row.join(SEPARATOR))].join("\r\n")}\r\n`;
}

/**
 * Quoted, and defused for spreadsheets: a field starting with = + - @ or a control character
 * (tab, CR, ...), which some spreadsheets skip before a formula, would otherwise run as one.
 */
const formulaLike = (value: string) => /^[=+\-@]/.test(value) || value.charCodeAt(0) < 0x20;

/** One CSV field, quoted and defused (see `formulaLike`). */
export const csvField = (value: string) => `"${(formulaLike(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

/**
 * A CSV record with the line of the file it starts on (1-based), for messages that point at it;
 * or a line that could not be read, with the reason in Dutch.
 */
export type CsvRecord = { line: number; fields: string[] } | { line: number; unreadable: string };

/** The separator a file uses: the one of `;`, tab and `,` that occurs most in its first line. */
export function guessSeparator(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [";", "\t", ","].map((separator) => ({ separator, n: firstLine.split(separator).length }));
  return counts.reduce((best, next) => (next.n > best.n ? next : best)).separator;
}

/** Why a line could not be read: with these options csv-parse only stumbles over quotes. */
const UNREADABLE =
  'Deze regel kon niet gelezen worden: er staat een aanhalingsteken (") dat niet goed gesloten wordt. Haal het weg, of zet het hele veld tussen aanhalingstekens.';

/** Line breaks inside fields: how many lines past its first a record runs on. */
const breaks = (fields: string[]) => fields.reduce((n, field) => n + field.split("\n").length - 1, 0);

/** The line a record ends on: a quoted field may hold line breaks. */
export const lastLine = (record: { line: number; fields: string[] }) => record.line + breaks(record.fields);

/**
 * Reads CSV as RFC 4180 has it (quoted fields may hold separators, quotes as "" and line
 * breaks) with csv-parse, with any separator. Empty lines, and lines of only separators and
 * spaces, are skipped; a leading byte-order mark is dropped. A record that cannot be read (a
 * quote opened and never properly closed) is returned as unreadable on the line it starts on,
 * and reading goes on with the next line: one stray quote never takes the rest of the file
 * with it. A line read again on its own may hold a quote inside a field (Jan "JJ" de Vries).
 */
export function parseCsv(input: string, separator = guessSeparator(input)): CsvRecord[] {
  const lines = input.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  // Encoded once, so starting again after a bad record costs no copy of the rest.
  const bytes = new TextEncoder().encode(lines.join("\n"));
  const starts = [0];
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) starts.push(at + 1);
  const options = (relax: boolean) => ({
    delimiter: separator,
    record_delimiter: "\n",
    relax_quotes: relax,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const records: CsvRecord[] = [];
  for (let from = 0; from < lines.length; ) {
    let next = from;
    try {
      parse(bytes.subarray(starts[from]), {
        ...options(false),
        on_record: (fields: string[], { lines: end }) => {
          next = from + end;
          if (fields.some((field) => field !== "")) records.push({ line: next - breaks(fields), fields });
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      while (next < lines.length - 1 && lines[next]!.trim() === "") next++;
      try {
        records.push({ line: next + 1, fields: parse(lines[next]!, options(true))[0] ?? [] });
      } catch (again) {
        if (!(again instanceof CsvError)) throw again;
        records.push({ line: next + 1, unreadable: UNREADABLE });
      }
      from = next + 1;
    }
  }
  return records;
}
