import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Spec } from "./openapi.ts";

/**
 * Resend's OpenAPI description, from the team's shared folder beside this
 * checkout (or RESEND_OPENAPI): the fake Resend checks every request against it.
 */
export function loadResendSpec(): Spec {
  const path = process.env.RESEND_OPENAPI ?? fileURLToPath(new URL("../../shared/specs/resend-openapi.yaml", import.meta.url));
  if (!existsSync(path)) {
    throw new Error(`Resend's OpenAPI description is not at ${path}: clone this repository beside shared/, or set RESEND_OPENAPI to the file.`);
  }
  return parse(readFileSync(path, "utf8")) as Spec;
}
