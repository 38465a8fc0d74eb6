import { eq, lt } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { adminSessions } from "../../mechanisms/db/schema.ts";
import { hashToken, randomToken } from "../../mechanisms/lib/tokens.ts";

/** How long a password session lasts. */
export const SESSION_MS = 12 * 3_600_000;

/** Opens a session and returns its token (only its hash is kept); expired sessions are swept out on the way. */
export async function openSession(db: Database, now: number): Promise<string> {
  const token = randomToken();
  await db.batch([
    db.delete(adminSessions).where(lt(adminSessions.expiresAt, now)),
    db.insert(adminSessions).values({ tokenHash: await hashToken(token), createdAt: now, expiresAt: now + SESSION_MS }),
  ]);
  return token;
}

/** True while the session with this token is open: not ended and not expired. */
export async function sessionIsOpen(db: Database, token: string, now: number): Promise<boolean> {
  const row = await db
    .select({ expiresAt: adminSessions.expiresAt })
    .from(adminSessions)
    .where(eq(adminSessions.tokenHash, await hashToken(token)))
    .get();
  return row !== undefined && row.expiresAt > now;
}

/** Ends one session: its cookie, wherever it was copied to, opens nothing any more. */
export async function closeSession(db: Database, token: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.tokenHash, await hashToken(token)));
}

/** Ends every session, on every device ("log out everywhere"). */
export async function closeAllSessions(db: Database): Promise<void> {
  await db.delete(adminSessions);
}
