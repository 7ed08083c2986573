type Schema = Record<string, any>;

/** The node a local `$ref` (`#/components/schemas/X`) points at. */
export function resolveRef(document: Schema, ref: string): Schema {
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>(
      (node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return target;
}

/**
 * An OpenAPI 3.0 schema of the document with its `$ref`s resolved and each
 * `allOf` merged into one schema (properties and required lists joined, the
 * later branch winning for a property both list, e.g. Page's `items`), so
 * that an object's properties are all in one place.
 */
export function flatten(document: Schema, node: Schema): Schema {
  if (typeof node.$ref === 'string')
    return flatten(document, resolveRef(document, node.$ref));
  const { allOf, ...own } = node;
  let schema: Schema = {};
  for (const part of (allOf ?? []) as Schema[]) {
    const branch = flatten(document, part);
    schema = {
      ...schema,
      ...branch,
      properties: { ...schema.properties, ...branch.properties },
      required: [...(schema.required ?? []), ...(branch.required ?? [])],
    };
  }
  schema = {
    ...schema,
    ...own,
    properties: { ...schema.properties, ...own.properties },
    required: [
      ...new Set([...(schema.required ?? []), ...(own.required ?? [])]),
    ],
  };
  if (Object.keys(schema.properties).length === 0) delete schema.properties;
  if (schema.required.length === 0) delete schema.required;
  for (const [key, value] of Object.entries(schema.properties ?? {}))
    schema.properties[key] = flatten(document, value as Schema);
  for (const key of ['items', 'additionalProperties'])
    if (typeof schema[key] === 'object')
      schema[key] = flatten(document, schema[key]);
  for (const key of ['oneOf', 'anyOf'])
    if (Array.isArray(schema[key]))
      schema[key] = schema[key].map((s: Schema) => flatten(document, s));
  return schema;
}

/**
 * A flattened schema as JSON Schema for ajv, closed: `nullable` becomes a
 * `null` type (and enum value), and every object schema that lists
 * properties without saying what else it allows gets
 * `additionalProperties: false`, so a response field the document does
 * not list fails validation.
 */
export function closedJsonSchema(schema: Schema): Schema {
  const { nullable, ...rest } = schema;
  const result: Schema = { ...rest };
  if (result.properties) {
    result.properties = Object.fromEntries(
      Object.entries(result.properties).map(([key, value]) => [
        key,
        closedJsonSchema(value as Schema),
      ]),
    );
    result.additionalProperties ??= false;
  }
  for (const key of ['items', 'additionalProperties'])
    if (typeof result[key] === 'object')
      result[key] = closedJsonSchema(result[key]);
  for (const key of ['oneOf', 'anyOf'])
    if (Array.isArray(result[key]))
      result[key] = result[key].map(closedJsonSchema);
  if (!nullable) return result;
  if (Array.isArray(result.enum) && !result.enum.includes(null))
    result.enum = [...result.enum, null];
  if (typeof result.type === 'string')
    return { ...result, type: [result.type, 'null'] };
  return { anyOf: [result, { type: 'null' }] };
}
