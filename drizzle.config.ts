import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/mechanisms/db/schema.ts",
  out: "./migrations",
  migrations: { prefix: "index" },
});
