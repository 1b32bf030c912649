import type { FoundNode } from '../../server/rooms/records-service.js';
import { builder } from '../builder.js';
import { PAGE_SIZE, queryId } from '../pagination.js';
import { badInput } from '../../server/shared/errors.js';

// Global ids are the objects' own UUIDs, not Relay's base64 "Type:id": every id a client has
// already stored keeps working, and the type is found by looking the id up (see Records.nodes).

const TYPE_NAMES: Record<FoundNode['kind'], string> = {
  room: 'Room',
  session: 'RoomSession',
  participant: 'Participant',
  recording: 'Recording',
  composition: 'Composition',
};

/** The rows handed out by node/nodes, with the type each was found as. */
const foundAs = new WeakMap<object, string>();

function reveal(found: FoundNode | undefined): { id: string } | null {
  if (!found) return null;
  foundAs.set(found.row, TYPE_NAMES[found.kind]);
  return found.row;
}

export const NodeRef = builder.interfaceRef<{ id: string }>('Node').implement({
  description: 'An object that can be fetched again by its id alone, with `node(id)`.',
  resolveType: (row) => foundAs.get(row) ?? null,
  fields: (t) => ({
    id: t.exposeID('id', { description: "The object's UUID: unique across every type, so it is also its global id." }),
  }),
});

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'A room, session, participant, recording or composition by its id; null if there is none.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the object.' }) },
    resolve: async (_root, args, ctx) => reveal((await ctx.services.records.nodes([queryId('id', String(args.id))]))[0]),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    authScopes: { apiKey: true },
    description: 'Several objects by id, in the order asked; null in the place of an id that names nothing.',
    args: { ids: t.arg.idList({ required: true, description: `UUIDs of the objects, at most ${PAGE_SIZE.max}.` }) },
    resolve: async (_root, args, ctx) => {
      if (args.ids.length > PAGE_SIZE.max) throw badInput('ids', `at most ${PAGE_SIZE.max} ids, got ${args.ids.length}`);
      const ids = args.ids.map((id, i) => queryId(`ids[${i}]`, String(id)));
      return (await ctx.services.records.nodes(ids)).map(reveal);
    },
  }),
}));
