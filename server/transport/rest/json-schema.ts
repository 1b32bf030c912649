import type { FieldDoc, FieldRef, RecordDoc } from './records.js';
import type { BodyDoc, JsonSchema } from './request.js';

/** Where the OpenAPI document keeps a record's schema; records refer to each other by it. */
export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A request body as bodyFields reads it: unknown fields refused, null taken as "not given". */
export function bodySchema(doc: BodyDoc): JsonSchema {
  const properties = Object.fromEntries(Object.entries(doc.spec).map(([name, [, type, schema]]) => [name, schema ?? (type === 'any' ? {} : { type: [type, 'null'] })]));
  return { type: 'object', properties, ...(doc.required?.length ? { required: [...doc.required] } : {}), additionalProperties: false };
}

const refSchema = (ref: FieldRef): JsonSchema => ('record' in ref ? schemaRef(ref.record) : fieldSchema(ref));

export function fieldSchema(f: FieldDoc): JsonSchema {
  return {
    type: f.nullable ? [f.type, 'null'] : f.type,
    description: f.description,
    ...(f.format ? { format: f.format } : {}),
    ...(f.enum ? { enum: f.nullable ? [...f.enum, null] : [...f.enum] } : {}),
    ...(f.items ? { items: refSchema(f.items) } : {}),
    ...(f.values ? { additionalProperties: refSchema(f.values) } : {}),
  };
}

/** A record as the wire carries it: every field not behind an `include_*` is always there, and nothing else is. */
export function recordSchema(record: RecordDoc): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(record).map(([name, f]) => [name, fieldSchema(f)])),
    required: Object.entries(record)
      .filter(([, f]) => !f.optional)
      .map(([name]) => name),
    additionalProperties: false,
  };
}
