import type { Database } from "../db/client.ts";
import type { deliveries } from "../db/schema.ts";

type DeliveryRow = typeof deliveries.$inferInsert & { batchKey: string; claimedAt: number };

/** D1 binds at most 100 parameters per statement; a delivery row takes 8. */
const ROWS_PER_INSERT = 12;

/**
 * The statements that insert a claim's deliveries, a row that was claimed before left out (it
 * conflicts on its id), prepared on the binding rather than built by drizzle (see runBatch).
 */
export function insertDeliveries(db: Database, rows: DeliveryRow[]): D1PreparedStatement[] {
  const statements = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    statements.push(
      db.$client
        .prepare(
          `insert into deliveries (id, subscriber_id, kind, ref, batch_key, due_at, claimed_at, round) values ${chunk
            .map(() => "(?, ?, ?, ?, ?, ?, ?, ?)")
            .join(", ")} on conflict do nothing`,
        )
        .bind(
          ...chunk.flatMap((row) => [
            row.id,
            row.subscriberId,
            row.kind ?? "lesson",
            row.ref,
            row.batchKey,
            row.dueAt,
            row.claimedAt,
            row.round ?? null,
          ]),
        ),
    );
  }
  return statements;
}
