import { getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';

/** An enum value: bare in an inline literal, a string in variables. */
export class EnumLiteral {
  constructor(readonly name: string) {}
}

/** Leaves the argument or input field out. */
export const MISSING = Symbol('missing');

export interface BadValue {
  label: string;
  value: unknown;
}

const HUGE = 'x'.repeat(100_000);
const NUL = 'a\u0000b';
const NOT_UUID_HEX = '0123456789abcdef0123456789abcdef0123'; // 36 characters of hex, not a UUID
const NUL_IN_UUID = '01900000-0000-7000-8000-00000000000\u0000';
const cursor = (raw: string) => Buffer.from(raw).toString('base64url');

function deepList(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

// Wrong types come first in each list: every type gets them. Then the values that are the right
// type but wrong for what the field means: out of range, malformed, hostile to SQL or storage.
const BY_SCALAR: Record<string, BadValue[]> = {
  ID: [
    { label: 'not a UUID', value: 'not-a-uuid' },
    { label: '36 hex characters, not a UUID', value: NOT_UUID_HEX },
    { label: 'empty', value: '' },
    { label: 'space', value: ' ' },
    { label: 'NUL in a UUID', value: NUL_IN_UUID },
    { label: 'NUL', value: NUL },
    { label: '100 kB', value: HUGE },
    { label: 'quote', value: "' OR '1'='1" },
    { label: 'nil UUID', value: '00000000-0000-0000-0000-000000000000' },
    { label: 'int beyond 32 bits', value: 2147483648 },
    { label: 'boolean', value: true },
    { label: 'float', value: 1.5 },
    { label: 'object', value: {} },
  ],
  String: [
    { label: 'NUL inside', value: NUL },
    { label: 'NUL alone', value: '\u0000' },
    { label: '100 kB', value: HUGE },
    { label: 'empty', value: '' },
    { label: 'blank', value: '   ' },
    { label: 'lone surrogate', value: '\ud800' },
    { label: 'bidi override', value: '\u202eevil' },
    { label: '256 characters', value: 'y'.repeat(256) },
    { label: 'quote', value: "'; drop table rooms; --" },
    { label: 'percent-encoded NUL', value: '%00' },
    { label: 'path', value: '../../etc/passwd' },
    { label: 'int', value: 1 },
    { label: 'boolean', value: true },
    { label: 'object', value: {} },
  ],
  Int: [
    { label: '-1', value: -1 },
    { label: '0', value: 0 },
    { label: '2^31-1', value: 2147483647 },
    { label: '2^31', value: 2147483648 },
    { label: '-2^31-1', value: -2147483649 },
    { label: '1e20', value: 1e20 },
    { label: 'float', value: 1.5 },
    { label: 'string', value: '1' },
    { label: 'boolean', value: true },
    { label: 'object', value: {} },
  ],
  Float: [
    { label: 'string', value: 'x' },
    { label: 'boolean', value: true },
    { label: 'object', value: {} },
  ],
  Boolean: [
    { label: 'string', value: 'true' },
    { label: 'int', value: 1 },
    { label: 'object', value: {} },
  ],
  Date: [
    { label: 'month 13', value: '2026-13-01' },
    { label: 'year 0', value: '0000-01-01' },
    { label: 'last day', value: '9999-12-31' },
    { label: 'February 30', value: '2026-02-30' },
    { label: 'February 29 of a common year', value: '2026-02-29' },
    { label: 'garbage', value: 'garbage' },
    { label: 'empty', value: '' },
    { label: 'no padding', value: '2026-1-1' },
    { label: 'a time', value: '2026-01-01T00:00:00Z' },
    { label: 'NUL', value: '2026-01-0\u0000' },
    { label: 'expanded year', value: '+12026-01-01' },
    { label: 'int', value: 20260101 },
  ],
  DateTime: [
    { label: 'garbage', value: 'garbage' },
    { label: 'month 13', value: '2026-13-01T00:00:00Z' },
    { label: 'int', value: 1 },
  ],
  JSON: [
    { label: 'NUL in a string', value: { a: NUL } },
    { label: 'NUL alone', value: '\u0000' },
    { label: 'nested 200 deep', value: deepList(200) },
    { label: '100 kB', value: HUGE },
    { label: '2000 keys', value: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) },
    { label: 'huge number', value: 1e308 },
    { label: 'string', value: 'x' },
  ],
};

/** Malformed cursors for `after`, on top of the string values. */
const CURSORS: BadValue[] = [
  { label: 'cursor of a non-UUID', value: cursor('v1:not-a-uuid') },
  { label: 'cursor of 36 hex characters', value: cursor(`v1:${NOT_UUID_HEX}`) },
  { label: 'cursor of another version', value: cursor('v2:01900000-0000-7000-8000-000000000000') },
  { label: 'cursor with NUL', value: cursor(`v1:${NUL_IN_UUID}`) },
  { label: 'not base64', value: '!!!' },
];

function namedBad(type: GraphQLInputType, name: string): BadValue[] {
  const t = getNullableType(type);
  if (isListType(t)) return [];
  if (isScalarType(t)) return [...(BY_SCALAR[t.name] ?? BY_SCALAR.String!), ...(name === 'after' ? CURSORS : [])];
  if (isEnumType(t)) {
    const first = t.getValues()[0]!.name;
    return [
      { label: 'unknown enum value', value: new EnumLiteral('NOPE') },
      { label: 'enum value in lower case', value: new EnumLiteral(first.toLowerCase()) },
      { label: 'unknown enum string', value: 'NOPE' },
      { label: 'int', value: 1 },
    ];
  }
  if (isInputObjectType(t)) {
    return [
      { label: 'string for an object', value: 'x' },
      { label: 'list for an object', value: [] },
      { label: 'unknown field', value: { nope: 1 } },
    ];
  }
  return [];
}

/** The values to try at one argument or input field, by its type. */
export function badValues(type: GraphQLInputType, name: string, element: () => unknown): BadValue[] {
  const out: BadValue[] = [];
  if (isNonNullType(type)) out.push({ label: 'null', value: null }, { label: 'missing', value: MISSING });
  const t = getNullableType(type);
  if (isListType(t)) {
    out.push({ label: 'object for a list', value: {} }, { label: 'list in a list', value: [[element()]] });
    if (isNonNullType(t.ofType)) out.push({ label: 'null in the list', value: [null] });
    out.push({ label: '1000 items', value: Array.from({ length: 1000 }, element) });
  }
  return [...out, ...namedBad(type, name)];
}
