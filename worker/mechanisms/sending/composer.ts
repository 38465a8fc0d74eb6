import type { Database } from "../db/client.ts";
import type { DeliveryKind } from "../db/schema.ts";
import type { Config } from "../lib/config.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "./batches.ts";

/** How one kind of mail is made, and who it may still go to when its batch is first sent. */
export type Composer = {
  /** The reader's status a mail of this kind goes to; anyone else has left (or not yet arrived) and is skipped. */
  sendsTo: BatchDelivery["subscriberStatus"];
  /** The subject a mail of this kind had, for the reader's export and the author's view; also for a lesson the course no longer holds. */
  subject: (ref: string, db: Database) => string | Promise<string>;
  /** Makes one mail; `madeWith` is what the claim decided it is made from beyond its delivery, if anything. */
  compose: (cfg: Config, delivery: BatchDelivery, db: Database, madeWith?: string) => Promise<ComposedMail>;
};

/** One composer for every kind of mail: the product hands sending this map (worker/index.ts). */
export type Composers = Record<DeliveryKind, Composer>;
