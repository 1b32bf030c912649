import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import type { Operation } from './request.js';
import { filterParams, listBody, onlyParams, pageParams, pageRequest, type FilterSpec, type ListPage } from './wire.js';

type Shape<Row> = (services: Services, row: Row) => unknown;

/** A plain list: `page[...]` and the resource's `filter[...]`, answered in Telnyx's envelope. */
export function listOperation<Row>(spec: FilterSpec, fetch: (s: Services, filter: any, page: ReturnType<typeof pageRequest>) => Promise<ListPage<Row>>, shape: Shape<Row>): Operation {
  return {
    handle: async ({ services, query }) => {
      onlyParams(query, ['page', 'filter']);
      const page = pageParams(query);
      const rows = await fetch(services, filterParams(query, spec), pageRequest(page));
      return { status: 200, body: await listBody(rows, page, (r) => shape(services, r)) };
    },
  };
}

/** One record by the id in the path, or 404 naming the parameter. */
export function retrieveOperation<Row>(resource: string, param: string, fetch: (s: Services, id: string) => Promise<Row | undefined>, shape: Shape<Row>): Operation {
  return {
    handle: async ({ services, query, params }) => {
      onlyParams(query, []);
      const row = await fetch(services, params[param]!);
      if (!row) throw RestError.of(404, 'NOT_FOUND', `${resource} ${params[param]} was not found`, { parameter: param });
      return { status: 200, body: { data: await shape(services, row) } };
    },
  };
}

/** A delete by the id in the path: 204 with no body. */
export function deleteOperation(param: string, remove: (s: Services, id: string) => Promise<unknown>): Operation {
  return {
    fields: { id: { parameter: param } },
    handle: async ({ services, query, params }) => {
      onlyParams(query, []);
      await remove(services, params[param]!);
      return { status: 204 };
    },
  };
}
