import { drizzle } from "drizzle-orm/d1";

function client(binding: D1Database) {
  // No schema: nothing here uses drizzle's relational queries, and with one drizzle works out every table's relations anew for each client.
  return drizzle(binding);
}

export type Database = ReturnType<typeof client>;

// One client per binding: an invocation's every step asks for it.
const clients = new WeakMap<D1Database, Database>();

/** A drizzle client for the D1 binding, made once per binding. */
export function database(env: Env): Database {
  let db = clients.get(env.DB);
  if (!db) {
    db = client(env.DB);
    clients.set(env.DB, db);
  }
  return db;
}
