// API keys: who can use the server API. Create one (shown once), see when each was last used, and
// revoke one; revoking the key this dashboard is signed in with signs it out.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../generated/gql.js';
import type { ApiKeysPageListQuery } from '../generated/graphql.js';
import { ErrorNotice, mutationFailure } from '../ui/errors.js';
import { formatAgo, formatDateTime } from '../ui/format.js';
import { ConfirmDialog } from '../ui/modal-dialog.js';
import { PageHeader } from '../ui/page-header.js';
import { Pager, PAGE_SIZE } from '../ui/pager.js';
import { CreateKeyForm } from './api-keys/create-key.js';
import './api-keys/api-keys.css';

const KeysList = graphql(`
  query ApiKeysPageList {
    apiKeys {
      id
      name
      prefix
      createdAt
      lastUsedAt
      revokedAt
    }
    viewer {
      apiKeyId
    }
  }
`);

const RevokeKey = graphql(`
  mutation ApiKeysPageRevoke($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

type Key = ApiKeysPageListQuery['apiKeys'][number];
type Show = 'all' | 'active' | 'revoked';

/** The server returns every key at once; the page shows them a page at a time, like every list. */
function useListPaging(size = PAGE_SIZE) {
  const [offset, setOffset] = useState(0);
  return {
    window: { first: size },
    offset,
    next: () => setOffset((o) => o + size),
    previous: () => setOffset((o) => Math.max(0, o - size)),
    reset: () => setOffset(0),
  };
}

export function ApiKeysPage() {
  const [result, reexecute] = useQuery({ query: KeysList });
  const [, revoke] = useMutation(RevokeKey);
  const [show, setShow] = useState<Show>('active');
  const [revoking, setRevoking] = useState<Key | null>(null);
  const paging = useListPaging();
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const currentId = result.data?.viewer.apiKeyId ?? null;
  // Newest first, as every other list.
  const all = [...(result.data?.apiKeys ?? [])].reverse();
  const listed = all.filter((k) => (show === 'all' ? true : show === 'active' ? !k.revokedAt : !!k.revokedAt));
  const page = listed.slice(paging.offset, paging.offset + PAGE_SIZE);
  const pageInfo = { hasNextPage: paging.offset + PAGE_SIZE < listed.length, hasPreviousPage: paging.offset > 0, startCursor: 'list', endCursor: 'list' };

  return (
    <>
      <PageHeader title="API keys" subtitle="Keys for the server API and this dashboard. Anyone holding an active key can do everything the API allows." />
      {result.data && !currentId && (
        <p class="alert warning small" role="note">
          You are signed in with the key set by the server's <code>API_KEY</code> variable: it is not stored, so it is not listed here and cannot be revoked from this page.
        </p>
      )}
      <CreateKeyForm onCreated={refresh} />
      <section class="card" aria-labelledby="keys-title">
        <div class="card-head">
          <h2 id="keys-title">Keys</h2>
          <label class="field inline">
            <span>Show</span>
            <select
              value={show}
              onChange={(e) => {
                setShow(e.currentTarget.value as Show);
                paging.reset();
              }}
            >
              <option value="active">Active keys</option>
              <option value="revoked">Revoked keys</option>
              <option value="all">All keys</option>
            </select>
          </label>
        </div>
        <ErrorNotice error={result.error} what="Keys could not be loaded" />
        {result.data && listed.length === 0 ? (
          <p class="empty">{show === 'revoked' ? 'No key has been revoked.' : show === 'active' ? 'No stored key is active.' : 'No key has been created yet.'}</p>
        ) : (
          <div class="table-wrap">
            <table class="keys-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Key</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th>
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.map((k) => (
                  <tr key={k.id}>
                    <td>
                      {k.name}
                      {k.id === currentId && <span class="badge you">this session</span>}
                    </td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td title={formatDateTime(k.createdAt)}>{formatAgo(k.createdAt)}</td>
                    <td title={k.lastUsedAt ? formatDateTime(k.lastUsedAt) : undefined}>{k.lastUsedAt ? formatAgo(k.lastUsedAt) : <span class="muted">Never</span>}</td>
                    <td>
                      {k.revokedAt ? (
                        <span class="badge bad" title={formatDateTime(k.revokedAt)}>
                          Revoked {formatAgo(k.revokedAt)}
                        </span>
                      ) : (
                        <span class="badge ok">Active</span>
                      )}
                    </td>
                    <td class="actions-cell">
                      <div class="row-actions">
                        {!k.revokedAt && (
                          <button type="button" class="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                            Revoke
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result.data && <Pager paging={paging} pageInfo={pageInfo} shown={page.length} total={listed.length} noun="keys" />}
      </section>
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const res = await revoke({ id: revoking.id });
            const failure = mutationFailure(res.error, res.data?.revokeApiKey, 'the key was not revoked');
            if (failure) return failure;
            refresh();
          }}
        >
          <p>
            Every request made with the key starting <code>{revoking.prefix}</code> is refused from now on, and its open subscriptions end. This cannot be undone.
          </p>
          {revoking.id === currentId && (
            <p class="alert warning" role="alert">
              This is the key you are signed in with: revoking it signs you out of the dashboard at once.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
