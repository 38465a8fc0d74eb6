import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

/** A drizzle client for the D1 binding. */
export function database(env: Env) {
  return drizzle(env.DB, { schema });
}

export type Database = ReturnType<typeof database>;
