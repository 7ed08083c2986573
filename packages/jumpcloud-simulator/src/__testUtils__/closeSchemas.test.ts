import Ajv2020 from 'ajv/dist/2020';
import { closeSchemas } from './closeSchemas';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/things': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    results: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/Thing' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Base: { type: 'object', properties: { id: { type: 'string' } } },
      Thing: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          {
            type: 'object',
            properties: {
              name: { type: 'string' },
              inner: { type: 'object', properties: { a: { type: 'number' } } },
              bag: { type: 'object' },
              map: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        ],
      },
      Either: {
        oneOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object' },
        ],
      },
    },
  },
};

describe('closeSchemas', () => {
  const validator = (extras: Parameters<typeof closeSchemas>[1] = []) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(closeSchemas(doc, extras), 'doc');
    return {
      list: ajv.compile({
        $ref: 'doc#/paths/~1things/get/responses/200/content/application~1json/schema',
      }),
      either: ajv.compile({ $ref: 'doc#/components/schemas/Either' }),
    };
  };

  it('accepts every listed field, across allOf branches and free-form members', () => {
    const { list } = validator();
    expect(
      list({
        results: [
          {
            id: 'x',
            name: 'n',
            inner: { a: 1 },
            bag: { anything: true },
            map: { k: 'v' },
          },
        ],
      }),
    ).toBe(true);
  });

  it('rejects fields no schema lists, at any depth', () => {
    const { list } = validator();
    expect(list({ results: [{ id: 'x', invented: 1 }] })).toBe(false);
    expect(list({ results: [{ id: 'x', inner: { a: 1, b: 2 } }] })).toBe(false);
    expect(list({ results: [], totalCount: 0 })).toBe(false);
  });

  it('keeps a free-form branch of a composition free-form', () => {
    const { either } = validator();
    expect(either({ a: 1, whatever: 1 })).toBe(true);
  });

  it('adds allow-listed fields and leaves the input untouched', () => {
    const before = JSON.stringify(doc);
    const { list } = validator([
      { spec: 'doc', schema: 'Base', fields: ['extra'], reason: 'test' },
    ]);
    expect(list({ results: [{ id: 'x', extra: 1 }] })).toBe(true);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('refuses allow-list entries for unknown schemas or listed fields', () => {
    expect(() =>
      closeSchemas(doc, [
        { spec: 'doc', schema: 'Nope', fields: ['x'], reason: 'test' },
      ]),
    ).toThrow(/no schema/);
    expect(() =>
      closeSchemas(doc, [
        { spec: 'doc', schema: 'Base', fields: ['id'], reason: 'test' },
      ]),
    ).toThrow(/already lists id/);
  });
});
