// Type tests: `npm run typecheck` fails if passkey-login/react's typings accept any of these.
import type { PasskeyLoginFailureEvent } from 'passkey-login';
import { PasskeyLogin } from 'passkey-login/react';

export const typings = [
  // @ts-expect-error requestTimeout is a number
  <PasskeyLogin requestTimeout="soon" />,
  // @ts-expect-error fetch is a fetch function
  <PasskeyLogin fetch={42} />,
  // @ts-expect-error endpoints names operations: there is no `login`
  <PasskeyLogin endpoints={{ login: { url: '/login' } }} />,
  // @ts-expect-error the success handler gets a PasskeyLoginSuccessEvent, not a failure
  <PasskeyLogin onPasskeyLoginSuccess={(event: PasskeyLoginFailureEvent) => event.detail.code} />,
  // And the right types pass.
  <PasskeyLogin requestTimeout={10_000} endpoints={{ signOut: false }} onPasskeyLoginFailure={(event) => event.detail.code} />,
];
