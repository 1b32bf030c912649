import { GraphQLError, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { dayProblem } from '../server/shared/validation.js';
import { builder } from './builder.js';

builder.addScalarType('DateTime', DateTimeResolver, {});
builder.addScalarType('JSON', JSONResolver, {});

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

// The scalar checks the shape only. Whether the day exists and is in range is checked where a
// filter is read (dayProblem), which names the field: a query answers BAD_USER_INPUT, a
// mutation a ValidationError in its result, as for every other value that is out of range.
function parseDayShape(value: unknown): string {
  if (typeof value === 'string' && DAY_SHAPE.test(value)) return value;
  throw new GraphQLError(`Date must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 60)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

// Telnyx filters by calendar day, not by instant; a day is kept as its YYYY-MM-DD string.
builder.scalarType('Date', {
  description: 'A calendar day in UTC, as YYYY-MM-DD (years 0001 to 9999).',
  serialize: (v) => {
    const day = parseDayShape(v);
    if (dayProblem(day)) throw new Error(`not a calendar day: ${day}`);
    return day;
  },
  parseValue: (v) => parseDayShape(v),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDayShape(ast.value);
  },
});
