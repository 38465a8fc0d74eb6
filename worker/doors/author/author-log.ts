/**
 * Notes an author's action as one JSON log line: what was done, with counts or a reader's
 * random id as details, never an address or a name.
 */
export function logAuthorAction(action: string, details: Record<string, number | string>): void {
  console.log(JSON.stringify({ event: "author_action", action, ...details }));
}
