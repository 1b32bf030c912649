import { GraphQLError, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from './builder.js';

builder.addScalarType('DateTime', DateTimeResolver, {});
builder.addScalarType('JSON', JSONResolver, {});

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: unknown): string {
  if (typeof value === 'string') {
    const m = DAY.exec(value);
    // Round-tripping through Date rejects days that do not exist, such as 2026-02-30.
    if (m && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  }
  throw new GraphQLError(`Date must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

// Telnyx filters by calendar day, not by instant; a day is kept as its YYYY-MM-DD string.
builder.scalarType('Date', {
  description: 'A calendar day in UTC, as YYYY-MM-DD.',
  serialize: (v) => parseDay(v),
  parseValue: (v) => parseDay(v),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return parseDay(ast.value);
  },
});
