import type { LessonSource } from "./lesson-schema.ts";
import type { Article } from "./sources.ts";

/** One credit as the mail shows it: its words and, where the article is online, its link. */
export type Credit = { text: string; url?: string | undefined };

/**
 * The credits of a lesson's sources, each article found in `articles` (validated at build, so always there).
 * Not in sources.ts: the Worker credits articles but carries none of the content's schemas.
 */
export function creditsOf(sources: readonly LessonSource[], articles: readonly Article[]): Credit[] {
  return sources.map(({ article, part }) => {
    const found = articles.find((candidate) => candidate.id === article);
    if (!found) throw new Error(`no article "${article}" in sources.yml`);
    return { text: part ? `‘${part}’ in ${found.credit}` : found.credit, url: found.url };
  });
}
