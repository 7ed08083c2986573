type JsonDoc = Record<string, any>;

/**
 * A field real JumpCloud responses carry that the documents do not list for
 * a schema. `schema` is a component schema name, or a JSON pointer (starting
 * with `/`) to an inline schema in the document.
 */
export interface ExtraField {
  spec: string;
  schema: string;
  fields: string[];
  reason: string;
}

/** Keywords whose subschemas validate the same instance (their properties count as the parent's). */
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_SINGLE = ['if', 'then', 'else'];
const IN_PLACE_MAPS = ['dependentSchemas'];
/** Keywords whose subschemas validate a child instance (a member, an item, a value). */
const CHILD_MAPS = ['properties', 'patternProperties'];
const CHILD_SINGLE = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'contains',
  'propertyNames',
  'unevaluatedItems',
];
const CHILD_LISTS = ['prefixItems'];

const isObject = (node: unknown): node is JsonDoc =>
  typeof node === 'object' && node !== null && !Array.isArray(node);

const unescape = (segment: string) =>
  segment.replace(/~1/g, '/').replace(/~0/g, '~');
const escape = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

function resolve(doc: JsonDoc, pointer: string): any {
  let node: any = doc;
  for (const part of pointer.replace(/^#?\//, '').split('/')) {
    node = node?.[unescape(part)];
  }
  return node;
}

/**
 * A deep copy of an OpenAPI 3.1 document whose response schemas are closed:
 * an object schema that lists `properties` (or is composed with
 * `allOf`/`anyOf`/`oneOf`) and does not declare `additionalProperties` or
 * `unevaluatedProperties` itself gets `unevaluatedProperties: false`, so a
 * body with a field the document does not list fails validation.
 *
 * Composition is kept correct: a branch of `allOf`/`anyOf`/`oneOf` stays open
 * (its `$ref`s point at open variants of the component, stored under
 * `x-open-schemas`), and free-form open branches mark every member as
 * evaluated, so only the outermost schema of a composition rejects fields no
 * branch lists. `extras` adds listed fields to the named schemas first.
 * The input document is not modified.
 */
export function closeSchemas(doc: JsonDoc, extras: ExtraField[] = []): JsonDoc {
  const copy: JsonDoc = structuredClone(doc);
  for (const extra of extras) {
    const pointer = extra.schema.startsWith('/')
      ? extra.schema
      : `/components/schemas/${escape(extra.schema)}`;
    const schema = resolve(copy, pointer);
    if (!isObject(schema))
      throw new Error(`allow-list: ${extra.spec} has no schema ${pointer}`);
    schema.properties = { ...schema.properties };
    for (const field of extra.fields) {
      if (field in schema.properties)
        throw new Error(
          `allow-list: ${extra.spec} ${pointer} already lists ${field}`,
        );
      schema.properties[field] = true;
    }
  }

  const pristine: JsonDoc = structuredClone(copy);
  const openVariants: JsonDoc = {};
  const openRefs = new Map<string, string>();
  copy['x-open-schemas'] = openVariants;

  const openRef = (ref: string): string => {
    let target = openRefs.get(ref);
    if (target) return target;
    const name = `${openRefs.size}`;
    target = `#/x-open-schemas/${name}`;
    openRefs.set(ref, target);
    const variant = structuredClone(resolve(pristine, ref));
    openVariants[name] = variant;
    transform(variant, false);
    return target;
  };

  function transform(node: unknown, closed: boolean): void {
    if (!isObject(node)) return;
    const composed =
      'properties' in node ||
      IN_PLACE_LISTS.some(k => Array.isArray(node[k])) ||
      IN_PLACE_SINGLE.some(k => k in node) ||
      IN_PLACE_MAPS.some(k => k in node);
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      // A lone `$ref` is the referenced schema itself; beside other keywords it is one more branch.
      if (composed || !closed) node.$ref = openRef(node.$ref);
    }
    for (const key of CHILD_MAPS)
      if (isObject(node[key]))
        for (const child of Object.values(node[key])) transform(child, true);
    for (const key of CHILD_SINGLE) transform(node[key], true);
    for (const key of CHILD_LISTS)
      if (Array.isArray(node[key]))
        for (const child of node[key]) transform(child, true);
    for (const key of IN_PLACE_LISTS)
      if (Array.isArray(node[key]))
        for (const child of node[key]) transform(child, false);
    for (const key of IN_PLACE_SINGLE) transform(node[key], false);
    for (const key of IN_PLACE_MAPS)
      if (isObject(node[key]))
        for (const child of Object.values(node[key])) transform(child, false);

    const declares =
      'additionalProperties' in node || 'unevaluatedProperties' in node;
    if (declares) return;
    if (closed && composed) node.unevaluatedProperties = false;
    if (!closed && !composed && !('$ref' in node) && !node.patternProperties)
      // A free-form branch accepts any member: say so, so the composing schema counts them as evaluated.
      node.additionalProperties = true;
  }

  for (const schema of Object.values(copy.components?.schemas ?? {}))
    transform(schema, true);
  const closeContent = (response: unknown) => {
    if (!isObject(response) || !isObject(response.content)) return;
    for (const media of Object.values(response.content))
      if (isObject(media)) transform(media.schema, true);
  };
  for (const response of Object.values(copy.components?.responses ?? {}))
    closeContent(response);
  for (const item of Object.values(copy.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item))
      if (isObject(op) && isObject(op.responses))
        for (const response of Object.values(op.responses))
          closeContent(response);
  }
  return copy;
}
