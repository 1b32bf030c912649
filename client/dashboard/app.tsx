// The dashboard: a sign-in gate with an API key, then the shell (navigation + the page of the path).
import { Provider } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createDashboardClient } from './graphql-client.js';
import { LiveStatus } from './live-status.js';
import { routeFor, NAV } from './routes.js';
import { Link, usePath } from './router.js';
import { storedApiKey, storeApiKey } from './session-key.js';
import { SignIn } from './sign-in.js';

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(storedApiKey);
  const [signedOutBecause, setSignedOutBecause] = useState<string | null>(null);
  const signOut = (because: string | null) => {
    storeApiKey(null);
    setSignedOutBecause(because);
    setApiKey(null);
  };
  if (!apiKey) {
    return (
      <SignIn
        notice={signedOutBecause}
        onSignedIn={(key) => {
          storeApiKey(key);
          setSignedOutBecause(null);
          setApiKey(key);
        }}
      />
    );
  }
  return <SignedIn apiKey={apiKey} onSignOut={signOut} />;
}

function SignedIn({ apiKey, onSignOut }: { apiKey: string; onSignOut: (because: string | null) => void }) {
  const dashboard = useMemo(() => createDashboardClient(apiKey, (reason) => onSignOut(reason)), [apiKey]);
  useEffect(() => () => dashboard.close(), [dashboard]);
  const path = usePath();
  const { page: Page, params, section } = routeFor(path);
  return (
    <Provider value={dashboard.client}>
      <div class="shell">
        <nav class="sidebar" aria-label="Dashboard">
          <Link to="/" class="brand">
            <span class="brand-mark" aria-hidden="true" />
            Video Rooms
          </Link>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} class={section === item.to ? 'active' : undefined} aria-current={section === item.to ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <LiveStatus />
          <button type="button" class="sign-out" onClick={() => onSignOut(null)}>
            Sign out
          </button>
        </nav>
        <main class="content">
          <Page {...params} />
        </main>
      </div>
    </Provider>
  );
}
