/** The part of JSON Schema that Resend's OpenAPI description uses for request bodies. */
export type Schema = {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
};

export type Spec = { components: { schemas: Record<string, Schema> }; paths: Record<string, Record<string, unknown>> };

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * Checks `value` against `schema`; returns the problems found, empty when valid.
 * Properties the schema does not name are reported too: our client must send only
 * what Resend documents.
 */
export function validate(spec: Spec, schema: Schema, value: unknown, path = "$"): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = spec.components.schemas[name];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return validate(spec, target, value, path);
  }
  if (schema.allOf) return schema.allOf.flatMap((part) => validate(spec, part, value, path));
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((option) => validate(spec, option, value, path).length === 0);
    return matching.length === 1 ? [] : [`${path}: matches ${matching.length} of oneOf`];
  }
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type && !(schema.type === actual || (schema.type === "number" && actual === "integer")))
    return [`${path}: expected ${schema.type}, got ${actual}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not one of ${schema.enum.join(", ")}`);
  if (typeof value === "string" && schema.maxLength !== undefined && value.length > schema.maxLength)
    errors.push(`${path}: longer than ${schema.maxLength}`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    for (const [index, item] of schema.items ? value.entries() : []) {
      errors.push(...validate(spec, schema.items!, item, `${path}[${index}]`));
    }
  }
  if (actual === "object" && schema.properties) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${path}.${key}: required`);
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties[key];
      errors.push(
        ...(property ? validate(spec, property, item, `${path}.${key}`) : [`${path}.${key}: not in the spec`]),
      );
    }
  }
  return errors;
}

type Operation = {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody: { content: { "application/json": { schema: Schema } } };
};

/** The request-body schema and header parameters of `POST path`. */
export function operation(spec: Spec, path: string): Operation {
  const op = spec.paths[path]?.post as Operation | undefined;
  if (!op) throw new Error(`POST ${path} is not in the spec`);
  return op;
}
