/**
 * Notes an author's action on a reader as one JSON log line: what was done and the reader's
 * random id, never their address or name.
 */
export function logAuthorAction(action: string, readerId: string, extra: Record<string, number | string> = {}): void {
  console.log(JSON.stringify({ event: "author_action", action, reader: readerId, ...extra }));
}
