import { asc, eq } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { enrollments, subscribers } from "../../mechanisms/db/schema.ts";
import { amsterdamDay } from "../../mechanisms/lib/amsterdam-time.ts";
import { csvField, excelCsv } from "../../mechanisms/lib/csv.ts";
import { receivedOf } from "../course/progress.ts";

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
  const csv = excelCsv(
    ["e-mailadres", "voornaam", "status", "ingeschreven", "lessen gehad", "nieuwsbrief"],
    rows.map((row) => [
      csvField(row.email),
      csvField(row.firstName ?? ""),
      csvField(row.state ? `ingeschreven, lessen ${courseLabels[row.state]}` : "ingeschreven"),
      csvField(isoDay(row.confirmedAt ?? row.createdAt)),
      String(row.received ? receivedOf({ received: row.received }).length : 0),
      row.newsletter ? "ja" : "nee",
    ]),
  );
  return { csv, readers: rows.length };
}
