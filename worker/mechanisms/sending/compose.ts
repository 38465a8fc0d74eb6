import type { Database } from "../db/client.ts";
import type { Config } from "../lib/config.ts";
import { errorSummary, isStorageError } from "../lib/error-summary.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "./batches.ts";
import type { Composers } from "./composer.ts";

/** How the outcome of a mail that could not be made begins, so the author's pages tell it from Resend's refusals. */
export const UNMADE = "Kon niet worden opgemaakt";

/** A delivery with its mail, made and ready to send. */
export type Made = { delivery: BatchDelivery; mail: ComposedMail };

/**
 * Makes each delivery's mail, from what the claim decided for it (`madeWith`, by delivery id)
 * where it decided anything. One that cannot be made fails alone: it is returned in `unmade`
 * with a reason for the author (never the error's message, which may quote data), and the
 * others are made as usual, so no mail waits behind one that never will be. Only a failing
 * database, which trying again may cure, fails them all: it is thrown, and the batch retried.
 */
export async function composeEach(
  cfg: Config,
  composers: Composers,
  deliveries: BatchDelivery[],
  db: Database,
  madeWith: Record<string, string>,
): Promise<{ made: Made[]; unmade: Record<string, string> }> {
  const settled = await Promise.allSettled(
    deliveries.map((delivery) => composers[delivery.kind].compose(cfg, delivery, db, madeWith[delivery.id])),
  );
  const made: Made[] = [];
  const unmade: Record<string, string> = {};
  for (const [index, result] of settled.entries()) {
    const delivery = deliveries[index]!;
    if (result.status === "fulfilled") {
      made.push({ delivery, mail: result.value });
      continue;
    }
    if (isStorageError(result.reason)) throw result.reason;
    const summary = errorSummary(result.reason);
    console.error(JSON.stringify({ event: "mail_unmade", delivery: delivery.id, kind: delivery.kind, ...summary }));
    unmade[delivery.id] = `${UNMADE} (${summary.name})`;
  }
  return { made, unmade };
}
