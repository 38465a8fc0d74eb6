import { asc, eq } from "drizzle-orm";
import { receivedOf } from "../course/progress.ts";
import type { Database } from "../db/client.ts";
import { enrollments, subscribers } from "../db/schema.ts";
import { amsterdamDay } from "../lib/amsterdam-time.ts";
import { csvField } from "./csv.ts";

/**
 * Semicolons: Excel in a Dutch (or Belgian) setting splits on ";" (the comma is the decimal
 * mark there), so the file opens in columns with a double click; the byte-order mark tells it
 * the file is UTF-8, so accents survive.
 */
export const SEPARATOR = ";";
const BOM = "\uFEFF";

const courseLabels = {
  active: "loopt",
  paused: "op pauze",
  completed: "alle lessen gehad",
  stopped: "gestopt",
} as const;

const isoDay = (ms: number) => {
  const { year, month, day } = amsterdamDay(ms);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

/** Every active reader as one CSV file (and how many there are) for a spreadsheet: address, name, status, joined (Dutch date), lessons had and whether they want the newsletter. */
export async function activeReadersCsv(db: Database): Promise<{ csv: string; readers: number }> {
  const rows = await db
    .select({
      email: subscribers.email,
      firstName: subscribers.firstName,
      newsletter: subscribers.newsletter,
      createdAt: subscribers.createdAt,
      confirmedAt: subscribers.confirmedAt,
      state: enrollments.state,
      received: enrollments.received,
    })
    .from(subscribers)
    .leftJoin(enrollments, eq(enrollments.subscriberId, subscribers.id))
    .where(eq(subscribers.status, "active"))
    .orderBy(asc(subscribers.createdAt))
    .all();
  const lines = [
    ["e-mailadres", "voornaam", "status", "ingeschreven", "lessen gehad", "nieuwsbrief"].join(SEPARATOR),
    ...rows.map((row) =>
      [
        csvField(row.email),
        csvField(row.firstName ?? ""),
        csvField(row.state ? `ingeschreven, lessen ${courseLabels[row.state]}` : "ingeschreven"),
        csvField(isoDay(row.confirmedAt ?? row.createdAt)),
        String(row.received ? receivedOf({ received: row.received }).length : 0),
        row.newsletter ? "ja" : "nee",
      ].join(SEPARATOR),
    ),
  ];
  return { csv: `${BOM}${lines.join("\r\n")}\r\n`, readers: rows.length };
}
