import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Spec } from "./openapi.ts";

/** Resend's OpenAPI description, kept in this repository (test/specs): the fake Resend checks every request against it. */
export function loadResendSpec(): Spec {
  return parse(readFileSync(fileURLToPath(new URL("./specs/resend-openapi.yaml", import.meta.url)), "utf8")) as Spec;
}
