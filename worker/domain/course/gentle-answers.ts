/**
 * The ways out a reader can always take with one click, worded the same in every question a
 * reader gets, a lesson's or a newsletter issue's: no question may make someone pick an answer
 * that is not true for them. Lessons name them by these keys.
 */
export const GENTLE_ANSWERS: Readonly<Record<string, string>> = {
  "weet-niet": "Ik weet het nog niet",
  "nu-even-niet": "Nu even niet",
};
