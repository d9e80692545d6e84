// Type-level test of what a React, Preact or other JSX app gets (`npm run typecheck`): each
// `@ts-expect-error` must meet an error, so typings that turn into `any` fail the check as surely
// as typings that reject correct code.
// Importing anything from passkey-login/jsx brings its JSX.IntrinsicElements augmentation along.
import type { CustomElements } from 'passkey-login/jsx';
import type { PasskeyLoginFailureEvent, User } from 'passkey-login';
import { PasskeyLogin, PasskeyLoginApproval, usePasskeySession } from 'passkey-login/react';

export type Elements = keyof CustomElements;

const signedIn = (user: User) => user;

/** The elements themselves (React 19, Preact): camelCase properties, events as `on` + the event's name. */
export const intrinsic = (
  <>
    <passkey-login
      endpoint="/x"
      methods="passkey"
      requestTimeout={5000}
      checkSession
      onpasskey-login-success={(e) => signedIn(e.detail.user)}
      onpasskey-login-failure={(e) => e.detail.code}
      onpasskey-login-funnel={(e) => e.detail.step}
    />
    <passkey-login-approval code="7KQ2-M9XD" onpasskey-login-approval={(e) => e.detail.decision} />
  </>
);

/** The React wrappers (`passkey-login/react`): camelCase `on…` props for every event. */
export const wrapped = (
  <>
    <PasskeyLogin
      endpoint="/x"
      methods="passkey"
      requestTimeout={5000}
      requestHeaders={{ 'X-CSRF-Token': 't' }}
      onPasskeyLoginSuccess={(e) => signedIn(e.detail.user)}
      onPasskeyLoginFailure={(e) => e.detail.code}
      onPasskeyLoginState={(e) => e.detail.state}
      onPasskeyLoginDiagnostic={(e) => e.detail.message}
      onPasskeyLoginSignedOut={(e) => e.type}
      onPasskeyLoginFunnel={(e) => e.detail.durationMs}
    />
    <PasskeyLoginApproval code="7KQ2-M9XD" onPasskeyLoginApproval={(e) => e.detail.decision} onPasskeyLoginFunnel={(e) => e.detail.step} />
  </>
);

/** A component that follows the session. */
export function Account() {
  const user = usePasskeySession();
  return user ? <p>Signed in</p> : <PasskeyLogin endpoint="/x" />;
}

/** What must not type-check, one element per line so that each error lands on its line. */
export const rejected = [
  // @ts-expect-error requestTimeout is a number of milliseconds
  <passkey-login requestTimeout="soon" />,
  // @ts-expect-error a success handler gets the success event, not a failure
  <passkey-login onpasskey-login-success={(e: PasskeyLoginFailureEvent) => e.detail.code} />,
  // @ts-expect-error on the element itself React 19 would listen for an event named "PasskeyLoginSuccess": that name is the wrapper's
  <passkey-login onPasskeyLoginSuccess={() => undefined} />,
  // @ts-expect-error the approval element has no methods
  <passkey-login-approval methods="passkey" />,
  // @ts-expect-error requestTimeout is a number of milliseconds
  <PasskeyLogin requestTimeout="soon" />,
  // @ts-expect-error a success handler gets the success event, not a failure
  <PasskeyLogin onPasskeyLoginSuccess={(e: PasskeyLoginFailureEvent) => e.detail.code} />,
  // @ts-expect-error no such event
  <PasskeyLogin onPasskeyLoginSucces={() => undefined} />,
  // @ts-expect-error the approval element sends no success event
  <PasskeyLoginApproval onPasskeyLoginSuccess={() => undefined} />,
];
