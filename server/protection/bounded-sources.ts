import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';

/** Set on an operation's context by the subscription guard: bounds a subscription field's source stream. */
export const BOUND_SOURCE = Symbol('boundSource');

export type BoundSource = (source: AsyncIterable<unknown>) => AsyncIterable<unknown>;

const isAsyncIterable = (x: unknown): x is AsyncIterable<unknown> => x != null && typeof (x as any)[Symbol.asyncIterator] === 'function';

const bounded = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * The schema whose subscription fields hand their event streams to the context's BOUND_SOURCE.
 * Events wait there, counted, until the subscription executes them. Bounding only the executed
 * results is not enough: when the server is too busy to execute for every subscriber, events
 * pile up before execution, in the pubsub's own unbounded buffers, and nothing counts them.
 * Built once per schema, and used only to subscribe (parsing and validation use the original).
 */
export function withBoundedSources(schema: GraphQLSchema): GraphQLSchema {
  let mapped = bounded.get(schema);
  if (!mapped) {
    mapped = mapSchema(schema, {
      [MapperKind.SUBSCRIPTION_ROOT_FIELD]: (field) => {
        const subscribe = field.subscribe;
        if (!subscribe) return field;
        return {
          ...field,
          subscribe: async (root, args, ctx, info) => {
            const source = await subscribe(root, args, ctx, info);
            const bound = (ctx as { [BOUND_SOURCE]?: BoundSource } | undefined)?.[BOUND_SOURCE];
            return bound && isAsyncIterable(source) ? bound(source) : source;
          },
        };
      },
    });
    bounded.set(schema, mapped);
  }
  return mapped;
}
