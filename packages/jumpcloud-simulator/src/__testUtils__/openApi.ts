import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { closeSchemas, type ExtraField } from './closeSchemas';

export type { ExtraField } from './closeSchemas';

export type SpecName = 'v1' | 'v2' | 'di';

const FILES: Record<SpecName, string> = {
  v1: 'v1.json',
  v2: 'v2.json',
  di: 'directory-insights.json',
};

type JsonDoc = Record<string, any>;

/** JSON-pointer escaping for a path segment inside a `$ref`. */
const pointer = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Formats JumpCloud uses that ajv-formats does not define: checked by type only. */
const LENIENT_FORMATS = [
  'int32',
  'int64',
  'uint32',
  'uint64',
  'double',
  'byte',
  'binary',
  'hex',
];

/**
 * The official OpenAPI 3.1 documents loaded into ajv (JSON Schema 2020-12,
 * which is what 3.1 schemas are): responses are validated against the schema
 * each operation declares, `$ref`s resolved inside the document. Each
 * document is also loaded closed (`closeSchemas`: fields it does not list are
 * errors, except the `extras` given) for `validate(ref, body, { closed: true })`.
 */
export class OpenApiDocuments {
  private readonly ajv: Ajv2020;
  private readonly docs: Record<SpecName, JsonDoc>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(dir: string, options: { extras?: ExtraField[] } = {}) {
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateSchema: false,
    });
    addFormats(this.ajv);
    for (const format of LENIENT_FORMATS) this.ajv.addFormat(format, true);
    this.docs = {} as Record<SpecName, JsonDoc>;
    for (const [name, file] of Object.entries(FILES) as Array<
      [SpecName, string]
    >) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      this.docs[name] = doc;
      this.ajv.addSchema(doc, name);
      this.ajv.addSchema(
        closeSchemas(
          doc,
          (options.extras ?? []).filter(e => e.spec === name),
        ),
        `closed-${name}`,
      );
    }
  }

  static available(dir: string): boolean {
    return Object.values(FILES).every(file =>
      fs.existsSync(path.join(dir, file)),
    );
  }

  /** The response object an operation declares for a status (or `default`), `$ref`s followed. */
  response(
    spec: SpecName,
    specPath: string,
    method: string,
    status: number,
  ): { ref: string; response: JsonDoc } | undefined {
    const op = this.docs[spec].paths?.[specPath]?.[method];
    if (!op)
      throw new Error(
        `${spec} has no operation ${method.toUpperCase()} ${specPath}`,
      );
    let key: string | undefined = String(status);
    if (!op.responses[key])
      key = op.responses.default && status >= 400 ? 'default' : undefined;
    if (!key) return undefined;
    let response = op.responses[key];
    let ref = `${spec}#/paths/${pointer(specPath)}/${method}/responses/${key}`;
    while (response?.$ref) {
      ref = `${spec}${response.$ref}`;
      response = this.resolve(spec, response.$ref);
    }
    return { ref, response };
  }

  componentSchemaRef(spec: SpecName, name: string): string {
    if (!this.docs[spec].components?.schemas?.[name])
      throw new Error(`${spec} has no schema ${name}`);
    return `${spec}#/components/schemas/${pointer(name)}`;
  }

  /**
   * Validates a body against a schema `$ref` (e.g. from `response()`); returns error strings.
   * `closed`: against the closed copy of the document (fields it does not list fail).
   */
  validate(
    schemaRef: string,
    body: unknown,
    options: { closed?: boolean } = {},
  ): string[] {
    const ref = options.closed ? `closed-${schemaRef}` : schemaRef;
    let validate = this.cache.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.cache.set(ref, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 200)
      .map(
        e =>
          `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
      );
  }

  private resolve(spec: SpecName, ref: string): JsonDoc {
    let node: any = this.docs[spec];
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node;
  }
}
