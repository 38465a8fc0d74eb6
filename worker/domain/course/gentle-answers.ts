/**
 * The ways out a reader can always take with one click, worded the same in every question a
 * reader gets, a lesson's or a newsletter issue's: no question may make someone pick an answer
 * that is not true for them. Lessons name them by these keys.
 */
export const GENTLE_ANSWERS: Readonly<Record<string, string>> = {
  "weet-niet": "Ik weet het nog niet",
  "nu-even-niet": "Nu even niet",
};

/** The gentle answers as the author reads them: "Ik weet het nog niet" of "Nu even niet". */
export const gentleWordings = Object.values(GENTLE_ANSWERS)
  .map((label) => `"${label}"`)
  .join(" of ");

/** The gentle answer `label` is, in its own wording whatever the capitals she typed; undefined when it is none. */
export function gentleWording(label: string): string | undefined {
  const typed = label.toLocaleLowerCase("nl");
  return Object.values(GENTLE_ANSWERS).find((gentle) => gentle.toLocaleLowerCase("nl") === typed);
}
