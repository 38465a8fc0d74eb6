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

/** A CSV record with the line of the file it starts on (1-based), for messages that point at it. */
export type CsvRecord = { line: number; fields: string[] };

/** The separator a file uses: the one of `;`, tab and `,` that occurs most in its first line. */
export function guessSeparator(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [";", "\t", ","].map((separator) => ({ separator, n: firstLine.split(separator).length }));
  return counts.reduce((best, next) => (next.n > best.n ? next : best)).separator;
}

/**
 * Reads CSV as RFC 4180 has it (quoted fields may hold separators, quotes as "" and line
 * breaks), with any separator, and skips empty lines. A leading byte-order mark is dropped.
 */
export function parseCsv(input: string, separator = guessSeparator(input)): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== "") records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === separator) {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += char;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
