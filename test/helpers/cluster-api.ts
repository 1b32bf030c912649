import type { ClusterNode } from '../../scripts/cluster/node-process.js';

/** A GraphQL request to one node of a test cluster with `apiKey`; its data, or an error naming the node. */
export function clusterApi(apiKey: string) {
  return async function gql<T = any>(node: ClusterNode, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`${node.nodeId}: ${JSON.stringify(body)}`);
    return body.data;
  };
}
