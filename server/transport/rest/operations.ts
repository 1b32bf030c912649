import type { Services } from '../../app/services.js';
import { RestError } from './errors.js';
import type { RecordName } from './records.js';
import type { Operation } from './request.js';
import { listBody, pageRequest, readQuery, type FilterSpec, type ListPage } from './wire.js';

type Shape<Row> = (services: Services, row: Row) => unknown;

/** A plain list: `page[...]` and the resource's `filter[...]`, answered in Telnyx's envelope. */
export function listOperation<Row>(
  summary: string,
  record: RecordName,
  filter: FilterSpec,
  fetch: (s: Services, filter: any, page: ReturnType<typeof pageRequest>) => Promise<ListPage<Row>>,
  shape: Shape<Row>,
): Operation {
  const doc = { summary, query: { page: true, filter }, status: 200, returns: { list: record } } as const;
  return {
    doc,
    handle: async ({ services, query }) => {
      const q = readQuery(query, doc.query);
      return listBody(await fetch(services, q.filter, pageRequest(q.page)), q.page, (r) => shape(services, r));
    },
  };
}

/** One record by the id in the path, or 404 naming the parameter. */
export function retrieveOperation<Row>(record: RecordName, param: string, fetch: (s: Services, id: string) => Promise<Row | undefined>, shape: Shape<Row>): Operation {
  const resource = record.replace(/_/g, ' ');
  return {
    doc: { summary: `View a ${resource}`, status: 200, returns: { one: record } },
    handle: async ({ services, query, params }) => {
      readQuery(query);
      const row = await fetch(services, params[param]!);
      if (!row) throw RestError.of(404, 'NOT_FOUND', `${resource} ${params[param]} was not found`, { parameter: param });
      return { data: await shape(services, row) };
    },
  };
}

/** A delete by the id in the path: 204 with no body. */
export function deleteOperation(summary: string, param: string, remove: (s: Services, id: string) => Promise<unknown>): Operation {
  return {
    doc: { summary, status: 204, returns: 'nothing' },
    fields: { id: { parameter: param } },
    handle: async ({ services, query, params }) => {
      readQuery(query);
      await remove(services, params[param]!);
      return undefined;
    },
  };
}
