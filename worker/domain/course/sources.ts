import * as z from "zod";
import { slug } from "./lesson-schema.ts";

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
