// Making a key: a name for what it is for; the key itself is shown this once, to be copied now.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { CopyableValue } from '../../ui/copy-button.js';
import { errorsByField, FieldErrorText } from '../../ui/errors.js';

const CreateKey = graphql(`
  mutation ApiKeysPageCreate($name: String!) {
    createApiKey(name: $name) {
      __typename
      ... on CreateApiKeyPayload {
        created {
          key
          apiKey {
            id
            name
          }
        }
      }
      ... on UserError {
        ...DashboardUserError
      }
    }
  }
`);

export function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [state, create] = useMutation(CreateKey);
  const submit = async (e: Event) => {
    e.preventDefault();
    const res = await create({ name });
    const out = res.data?.createApiKey;
    if (res.error || !out) return setErrors({ '': res.error?.graphQLErrors[0]?.message ?? 'The server could not be reached: no key was created.' });
    if (out.__typename !== 'CreateApiKeyPayload') return setErrors(errorsByField(out));
    setErrors({});
    setName('');
    setCreated({ key: out.created.key, name: out.created.apiKey.name });
    onCreated();
  };
  return (
    <section class="card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      {created && (
        <div class="alert ok new-key" role="status">
          <p>
            <strong>{created.name}</strong> is ready. Copy the key now and keep it somewhere safe: <strong>you will not see it again.</strong>
          </p>
          <CopyableValue value={created.key} what="API key" />
          <button type="button" class="dismiss" onClick={() => setCreated(null)}>
            I have stored it
          </button>
        </div>
      )}
      <form class="create-key" onSubmit={submit} noValidate>
        <label class="field">
          <span>Name</span>
          <input
            value={name}
            maxLength={120}
            placeholder="What the key is for, e.g. billing backend"
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'key-name-error' : undefined}
          />
          <FieldErrorText id="key-name-error" message={errors.name} />
        </label>
        <button type="submit" class="primary" disabled={state.fetching}>
          {state.fetching ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {errors[''] && (
        <p class="alert error" role="alert">
          {errors['']}
        </p>
      )}
    </section>
  );
}
