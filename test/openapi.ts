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
  minimum?: number;
  maximum?: number;
};

type Parameter = { in: string; name: string; required?: boolean; schema: Schema };

export type Spec = {
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter> };
  paths: Record<string, Record<string, unknown>>;
};

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
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum)
    errors.push(`${path}: less than ${schema.minimum}`);
  if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum)
    errors.push(`${path}: more than ${schema.maximum}`);
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

type GetOperation = {
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, { content: { "application/json": { schema: Schema } } }>;
};

/**
 * Checks a `GET` against the spec (`template` is the spec's path, `/domains/{domain_id}`): every
 * query parameter must be one it names, with a valid value. Returns the problems and the schema
 * of the 200 answer, which the fake checks its own answer against.
 */
export function checkGet(
  spec: Spec,
  template: string,
  query: URLSearchParams,
): { problems: string[]; response: Schema } {
  const op = spec.paths[template]?.get as GetOperation | undefined;
  if (!op) throw new Error(`GET ${template} is not in the spec`);
  const parameters = (op.parameters ?? []).map((p) =>
    "$ref" in p ? spec.components.parameters?.[p.$ref.replace("#/components/parameters/", "")] : p,
  );
  const problems: string[] = [];
  for (const [name, raw] of query) {
    const parameter = parameters.find((p) => p?.in === "query" && p.name === name);
    if (!parameter) {
      problems.push(`query ${name}: not in the spec`);
      continue;
    }
    const value = parameter.schema.type === "integer" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    problems.push(...validate(spec, parameter.schema, value, `query ${name}`));
  }
  const response = op.responses["200"]?.content["application/json"].schema;
  if (!response) throw new Error(`GET ${template} has no 200 answer in the spec`);
  return { problems, response };
}
