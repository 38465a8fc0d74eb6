/**
 * The key of a series' closing mail template: a reader who answered none of its questions gets
 * the one without the look back ("0 van de 9" would read as a score). The build renders both
 * (scripts/mail-templates.ts); the composer picks one.
 */
export function closingTemplateKey(seriesId: string, answered: number | "some"): string {
  return answered === 0 ? `closing/${seriesId}/zonder-antwoorden` : `closing/${seriesId}`;
}
