import type { PasskeyLoginSuccessEvent, User } from 'passkey-login';
import { PasskeyLogin, usePasskeySession } from 'passkey-login/react';
import { useState, useSyncExternalStore } from 'react';
import { adapter, answered, demoFetch, endpoints } from './backend.js';

type Route = { name: 'sign-in' } | { name: 'account'; user: User; source: string };

const noSubscription = () => () => {};
/**
 * False on the server and while hydrating, true after. The element is rendered only then: a
 * server-rendered tag would be upgraded as soon as the package registers it, and would start its
 * first requests (passkey autofill) before hydration sets `fetch`, `endpoints` and `adapter`.
 */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

export function App() {
  const [route, setRoute] = useState<Route>({ name: 'sign-in' });
  // Follows the element's success and signed-out events from anywhere in the tree.
  const sessionUser = usePasskeySession();
  const hydrated = useHydrated();

  const onSuccess = (event: PasskeyLoginSuccessEvent) => {
    event.preventDefault(); // the app routes itself instead of following a redirect
    setRoute({ name: 'account', user: event.detail.user, source: event.detail.source });
  };

  if (route.name === 'account') {
    return (
      <main>
        <h1 id="account">Welcome, {route.user.displayName ?? route.user.name}</h1>
        <p>
          Signed in by <span id="source">{route.source}</span>; the session hook says{' '}
          <span id="session-user">{sessionUser?.name ?? 'nobody'}</span>.
        </p>
        <p>
          Answers through the adapter: <span id="answered">{answered.join(' ')}</span>
        </p>
        <button type="button" onClick={() => setRoute({ name: 'sign-in' })}>
          Back to sign-in
        </button>
      </main>
    );
  }
  return (
    <main>
      <h1>Sign in to the React demo</h1>
      {hydrated ? (
        <PasskeyLogin
          methods="passkey"
          endpoints={endpoints}
          fetch={demoFetch}
          adapter={adapter}
          onPasskeyLoginSuccess={onSuccess}
        />
      ) : (
        <p id="sign-in-placeholder">Loading sign-in…</p>
      )}
    </main>
  );
}
