import { getNamedType, isInterfaceType, isNonNullType, isObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import type { FuzzOperation } from './generate.js';
import type { Random } from './random.js';

type Shape = Omit<FuzzOperation, 'credential'>;

const composite = (t: GraphQLNamedType) => isObjectType(t) || isInterfaceType(t);
const plainFields = (t: GraphQLNamedType) =>
  composite(t) ? Object.values((t as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type))) : [];

/** Types from which a selection can go on forever (they sit on a cycle, or lead to one). */
function endlessTypes(schema: GraphQLSchema): Set<string> {
  const endless = new Set(
    Object.values(schema.getTypeMap())
      .filter(composite)
      .map((t) => t.name),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const name of endless) {
      const next = plainFields(schema.getType(name)!).some((f) => endless.has(getNamedType(f.type).name));
      if (!next) changed = endless.delete(name) || changed;
    }
  }
  return endless;
}

/** A query `depth` selections deep, walking the schema's cycles (room → sessions → room ...). */
function deepQuery(schema: GraphQLSchema, depth: number, random: Random): string | undefined {
  const endless = endlessTypes(schema);
  let type: GraphQLNamedType = schema.getQueryType()!;
  if (!endless.has(type.name)) return undefined;
  const open: string[] = [];
  for (let i = 0; i < depth; i++) {
    const next: GraphQLField<unknown, unknown>[] = plainFields(type).filter((f) => endless.has(getNamedType(f.type).name));
    const field: GraphQLField<unknown, unknown> = random.pick(next);
    open.push(field.name);
    type = getNamedType(field.type);
  }
  return `query Deep { ${open.join(' { ')} { __typename }${' }'.repeat(depth)} }`;
}

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

/**
 * Operations that are wrong as a whole rather than in one value: syntax errors, documents that
 * fail validation, and documents that are valid but abusive (deep, wide, aliased). The limits on
 * depth, cost, aliases and tokens refuse the abusive ones; before them, they must still be
 * answered, each with a code.
 */
export function abuseOperations(schema: GraphQLSchema, random: Random): Shape[] {
  const q = (label: string, query: string, variables?: Record<string, unknown>): Shape => ({
    label,
    kind: /^\s*mutation\b/.test(query) ? 'mutation' : /^\s*subscription\b/.test(query) ? 'subscription' : 'query',
    field: '',
    query,
    variables,
  });
  const garbage = Array.from({ length: 300 }, () => random.pick(['{', '}', '(', ')', '"', ':', '$', '@', '...', 'query', 'room', ' ', '\n', '#', '\\', '\u0000', '1', '!'])).join('');
  const out: Shape[] = [
    q('syntax: empty document', ''),
    q('syntax: blank document', '   '),
    q('syntax: unclosed selection', '{ viewer { kind }'),
    q('syntax: unclosed arguments', '{ rooms(first: 1 { totalCount } }'),
    q('syntax: stray braces', '}}}}'),
    q('syntax: keyword only', 'mutation'),
    q('syntax: NUL', '\u0000'),
    q('syntax: unterminated string', '{ room(id: "abc) { id } }'),
    q('syntax: lone surrogate escape', '{ room(id: "\\ud800") { id } }'),
    q('syntax: random tokens', garbage),
    q('syntax: 10,000 open braces', '{ a'.repeat(10_000)),
    q('syntax: 2,450 open braces, under the token limit', '{ a'.repeat(2_450)),
    q('syntax: 100 kB comment', `#${'x'.repeat(100_000)}\n{ viewer { kind } }`),
    q('validation: unknown field', '{ nope }'),
    q('validation: unknown type of variable', 'query($x: Nope) { viewer { kind } }'),
    q('validation: default of the wrong type', 'query($x: Int = "s") { rooms(first: $x) { totalCount } }'),
    q('validation: variable in a position of another type', 'query($x: String) { room(id: $x) { id } }', { x: 'a' }),
    q('validation: undefined variable', '{ room(id: $x) { id } }'),
    q('validation: fragment cycle', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    q('validation: duplicate operation names', 'query A { viewer { kind } } query A { viewer { kind } }'),
    q('validation: two root fields in a subscription', 'subscription { events { id } composition(id: "x") { id } }'),
    q('validation: query field in a subscription', 'subscription { rooms { totalCount } }'),
    q('validation: directive with a string for Boolean', '{ viewer @include(if: "yes") { kind } }'),
    q('validation: unknown directive', '{ viewer @nope { kind } }'),
    q('validation: directive without its argument', '{ viewer @skip { kind } }'),
    q('validation: selection on a leaf', '{ viewer { kind { x } } }'),
    q('validation: no selection on an object', '{ viewer }'),
    q('several operations and no name', 'query A { viewer { kind } } query B { viewer { kind } }'),
    q('500 aliases', `{ ${repeat(500, (i) => `a${i}: viewer { kind }`)} }`),
    q('100 aliases of a full page', `{ ${repeat(100, (i) => `a${i}: rooms(first: 250) { totalCount edges { node { id } } }`)} }`),
    q('5,000 repeated fields', `{ viewer { ${repeat(5000, () => 'kind')} } }`),
    q('50 aliases of a refused mutation', `mutation { ${repeat(50, (i) => `a${i}: createRoom(input: {maxParticipants: 0}) { __typename }`)} }`),
    q('introspection 12 deep', `{ __schema { types { ${'fields { type { '.repeat(6)}name${' } }'.repeat(6)} } } }`),
  ];
  for (const depth of [8, 20, 50, 120]) {
    const query = deepQuery(schema, depth, random);
    if (query) out.push(q(`${depth} selections deep`, query));
  }
  return out;
}
