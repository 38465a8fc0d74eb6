import { z } from "zod";
import { type LessonSource, slug } from "./lesson-schema.ts";

/** One article the course draws on, as content/lessons/sources.yml names it and credits it. */
export const articleSchema = z.strictObject({
  id: slug,
  /** The credit as it reads after "Deze les is gebaseerd op", so it makes sense out of context. */
  credit: z.string().trim().min(1).max(200),
  url: z.url().optional(),
});

/** sources.yml: every article a lesson may name. */
export const articleListSchema = z.array(articleSchema).min(1, { error: "er staat nog geen artikel in" });

export type Article = z.infer<typeof articleSchema>;

/** One credit as the mail shows it: its words and, where the article is online, its link. */
export type Credit = { text: string; url?: string | undefined };

/** The credits of a lesson's sources, each article found in `articles` (validated at build, so always there). */
export function creditsOf(sources: readonly LessonSource[], articles: readonly Article[]): Credit[] {
  return sources.map(({ article, part }) => {
    const found = articles.find((candidate) => candidate.id === article);
    if (!found) throw new Error(`no article "${article}" in sources.yml`);
    return { text: part ? `‘${part}’ in ${found.credit}` : found.credit, url: found.url };
  });
}
