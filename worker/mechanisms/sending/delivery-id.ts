import type { deliveries } from "../db/schema.ts";
import type { Config } from "../lib/config.ts";
import { deliveryScope } from "../lib/links-from-before.ts";
import { hashToken, type Signer, signerOf } from "../lib/tokens.ts";
import { acceptedSecrets, currentSigner, linkToken, readerTokens } from "../mail/links.ts";

/** What a delivery is: one kind of mail, of one thing (`ref`), for one reader. */
export type DeliveryKey = Pick<typeof deliveries.$inferSelect, "kind" | "subscriberId" | "ref"> &
  Partial<Pick<typeof deliveries.$inferSelect, "round">>;

/** The delivery's id under the current key: the hash of its answer token, so a second claim of the same mail conflicts and an answer link finds it. */
export async function deliveryId(cfg: Config, delivery: DeliveryKey): Promise<string> {
  return hashToken(await linkToken(await currentSigner(cfg), "answer", deliveryScope(delivery)));
}

/**
 * The key a claimed delivery's links are made with, and its answer token: the key, and form,
 * that made its id. That is the current key unless the mail was claimed before a rotation
 * (or before key ids), so a retried send carries byte for byte the links of its first
 * attempt, and its answer and confirmation links find what was stored. Only such a mail pays
 * for trying the other keys. A delivery without an id (a sample) gets the current key; so
 * does one whose key was dropped meanwhile: its footer links work, its answer or
 * confirmation link does not, and a retry of its batch no longer matches the first attempt.
 */
async function deliverySigner(cfg: Config, delivery: DeliveryKey & { id?: string }) {
  const current = await currentSigner(cfg);
  const answerToken = await linkToken(current, "answer", deliveryScope(delivery));
  if (delivery.id === undefined || (await hashToken(answerToken)) === delivery.id)
    return { signer: current, answerToken };
  // A mail claimed before key ids is re-sent with links made without one (links-from-before.ts).
  for (const secret of acceptedSecrets(cfg))
    for (const signer of [await signerOf(secret), { secret, keyId: null }]) {
      const token = await linkToken(signer, "answer", deliveryScope(delivery));
      if ((await hashToken(token)) === delivery.id) return { signer, answerToken: token };
    }
  return { signer: current, answerToken };
}

/** The key a claimed delivery's links are made with (see `deliverySigner`). */
export async function signerForDelivery(cfg: Config, delivery: DeliveryKey & { id: string }): Promise<Signer> {
  return (await deliverySigner(cfg, delivery)).signer;
}

/** A reader's link tokens for one delivery: its answer link's, and their own two for the footer. */
export async function personalTokens(cfg: Config, delivery: DeliveryKey & { id?: string }) {
  const { signer, answerToken } = await deliverySigner(cfg, delivery);
  return { answerToken, ...(await readerTokens(signer, delivery.subscriberId)) };
}
