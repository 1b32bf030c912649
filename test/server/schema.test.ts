import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLField, type GraphQLInputField, type GraphQLInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getSchema, printedSchema } from '../../schema/index.js';

describe('the schema', () => {
  it('matches the committed schema/schema.graphql (run "npm run schema" after changing the API)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });

  it('describes every field, argument and input field (the descriptions are the API reference)', () => {
    const schema = buildSchema(printedSchema());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        // Relay's own plumbing (edges, pageInfo, cursors) and result wrappers explain themselves.
        if (/Edge$|^PageInfo$/.test(type.name)) continue;
        for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
          if (/Connection$/.test(type.name) && ['edges', 'pageInfo'].includes(field.name)) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract names of API.md', () => {
    const schema = getSchema();
    const q = schema.getQueryType()!.getFields();
    const m = schema.getMutationType()!.getFields();
    for (const name of ['room', 'rooms', 'roomSession', 'roomSessions', 'participant', 'participants', 'recording', 'recordings', 'composition', 'compositions']) {
      expect(q[name], name).toBeDefined();
    }
    for (const name of ['createRoom', 'updateRoom', 'deleteRoom', 'generateClientToken', 'refreshClientToken']) expect(m[name], name).toBeDefined();
    for (const name of ['ingress', 'ingresses']) expect(q[name], name).toBeDefined();
    for (const name of ['createIngress', 'deleteIngress']) expect(m[name], name).toBeDefined();
    expect(Object.keys((schema.getType('CreateIngressInput') as GraphQLInputObjectType).getFields())).toEqual(expect.arrayContaining(['roomId', 'kind', 'url', 'loop', 'context']));
    expect(getNamedType(q.rooms!.type).name).toBe('RoomConnection');
    expect(schema.getSubscriptionType()!.getFields().events).toBeDefined();
  });
});
