/**
 * The placeholders a mail template is rendered with (`npm run content:build`) and the Worker
 * fills in. Underscores and letters only: they pass React's escaping and the plain-text
 * conversion untouched.
 */
const marker = (name: string) => `__rr_${name}_9f2c__`;

/** What differs from reader to reader: the site's address (runtime config), the name and the link tokens. */
export const READER_MARKERS = {
  url: marker("url"),
  firstName: marker("name"),
  answerToken: marker("answer"),
  unsubscribeToken: marker("unsubscribe"),
  preferencesToken: marker("preferences"),
  confirmToken: marker("confirm"),
  /** How many of a series' questions the reader answered, for the look back in its closing mail. */
  answered: marker("answered"),
} as const;

export type ReaderMarker = keyof typeof READER_MARKERS;

/** Most answers a question has (lessons and newsletter issues alike). */
export const MAX_ANSWERS = 5;

/** What differs from issue to issue in the newsletter's one template, filled in once per issue. */
export const ISSUE_MARKERS = {
  subject: marker("subject"),
  preheader: marker("preheader"),
  bodyHtml: marker("body"),
  prompt: marker("prompt"),
  labels: Array.from({ length: MAX_ANSWERS }, (_, index) => marker(`label${index + 1}`)),
} as const;
