// Sign-in: the operator pastes an API key; it is checked against the server before it is kept.
import { useState } from 'preact/hooks';

type Check = { ok: true } | { ok: false; message: string };

/** Asks the server who the key is: only an API key that is valid and not revoked gets in. */
async function checkApiKey(key: string): Promise<Check> {
  let body: { data?: { viewer?: { kind?: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ viewer { kind } }' }),
    });
    body = await res.json();
  } catch {
    return { ok: false, message: 'The server could not be reached. Check that it is running and try again.' };
  }
  const error = body.errors?.[0];
  if (error?.extensions?.code === 'UNAUTHENTICATED') return { ok: false, message: `Sign-in refused: ${error.message}.` };
  if (error) return { ok: false, message: error.message };
  if (body.data?.viewer?.kind !== 'API_KEY') return { ok: false, message: 'This is a client access token, not an API key. The dashboard needs an API key.' };
  return { ok: true };
}

export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Enter an API key.');
    setBusy(true);
    const check = await checkApiKey(trimmed);
    setBusy(false);
    if (check.ok) onSignedIn(trimmed);
    else setError(check.message);
  };
  return (
    <div class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} noValidate>
        <h1>
          <span class="brand-mark" aria-hidden="true" /> Video Rooms
        </h1>
        <p class="muted">Mission control. Sign in with one of your API keys; it is kept for this tab only.</p>
        {notice && (
          <p class="alert warning" role="status">
            You were signed out: {notice}.
          </p>
        )}
        <label class="field">
          <span>API key</span>
          <input
            name="apiKey"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
            autoFocus
          />
          {error && (
            <span id="sign-in-error" class="field-error" role="alert">
              {error}
            </span>
          )}
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p class="muted small">
          No key yet? The server prints the first one when it starts on an empty database, and <code>npm run cli -- keys create</code> makes more.
        </p>
      </form>
    </div>
  );
}
