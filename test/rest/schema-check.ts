/**
 * A small JSON Schema checker for the subset the OpenAPI document uses (type, enum, properties,
 * required, additionalProperties, items, oneOf, $ref, minimum/maximum, uuid and date-time formats).
 * The ajv in node_modules is eslint's 6.x (draft-07, no 2020-12), and is not ours to depend on.
 */
type Schema = Record<string, any>;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  date: /^\d{4}-\d\d-\d\d$/,
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const typeMatches = (want: string, actual: string) => want === actual || (want === 'number' && actual === 'integer');

/** Resolves `#/components/...` in the document. */
export function resolve(doc: Schema, ref: string): Schema {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: any, key) => node?.[key], doc);
}

/** Every way `value` breaks `schema`, each with where: empty when it conforms. */
export function problems(doc: Schema, schema: Schema, value: unknown, at = ''): string[] {
  if (schema.$ref) {
    const target = resolve(doc, schema.$ref);
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    return problems(doc, target, value, at);
  }
  if (schema.oneOf) {
    const passing = (schema.oneOf as Schema[]).filter((s) => problems(doc, s, value, at).length === 0).length;
    return passing === 1 ? [] : [`${at}: matches ${passing} of oneOf, not 1`];
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, actual))) return [`${at || '/'}: ${actual} is not ${types.join(' | ')}`];
  }
  const out: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string' && schema.format && FORMATS[schema.format] && !FORMATS[schema.format]!.test(value)) out.push(`${at}: "${value}" is not a ${schema.format}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: ${value} > ${schema.maximum}`);
  }
  if (actual === 'array' && schema.items) (value as unknown[]).forEach((v, i) => out.push(...problems(doc, schema.items, v, `${at}/${i}`)));
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const props: Schema = schema.properties ?? {};
    for (const name of schema.required ?? []) if (!(name in obj)) out.push(`${at}/${name}: required but missing`);
    for (const [name, v] of Object.entries(obj)) {
      if (props[name]) out.push(...problems(doc, props[name], v, `${at}/${name}`));
      else if (schema.additionalProperties === false) out.push(`${at}/${name}: not declared`);
      else if (typeof schema.additionalProperties === 'object') out.push(...problems(doc, schema.additionalProperties, v, `${at}/${name}`));
    }
  }
  return out;
}
