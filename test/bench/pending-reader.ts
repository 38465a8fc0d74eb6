import { env } from "cloudflare:workers";
import { confirmationToken } from "../../worker/domain/mails/confirmation.ts";
import { database } from "../../worker/mechanisms/db/client.ts";
import { subscribers } from "../../worker/mechanisms/db/schema.ts";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { hashToken } from "../../worker/mechanisms/lib/tokens.ts";
import { currentSigner } from "../../worker/mechanisms/mail/links.ts";

/** A reader who signed up but has not confirmed yet, as signup stores her; the token of her confirmation link. */
export async function pendingReader(id: string, email: string, nonce: string, now: number): Promise<string> {
  const token = await confirmationToken(await currentSigner(config(env)), id, nonce);
  await database(env)
    .insert(subscribers)
    .values({
      id,
      email,
      status: "pending",
      confirmTokenHash: await hashToken(token),
      confirmExpiresAt: now + 86_400_000,
      unsubscribeTokenHash: `u-${id}`,
      preferencesTokenHash: `p-${id}`,
      createdAt: now,
    });
  return token;
}
