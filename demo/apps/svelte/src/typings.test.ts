// Type tests: `npm run typecheck` (svelte-check) fails if passkey-login/svelte accepts any of these.
// svelte-check types each `<passkey-login …>` in markup as these props (HTML comments cannot carry
// `@ts-expect-error`, so the wrong ones are written here; App.svelte uses the right ones).
import type { PasskeyLoginFailureEvent } from 'passkey-login';

type Props = svelteHTML.IntrinsicElements['passkey-login'];
const onFailure = (event: PasskeyLoginFailureEvent) => event.detail.code;

export const typings: Props[] = [
  // @ts-expect-error request-timeout is a number
  { 'request-timeout': 'soon' },
  // @ts-expect-error fetch is a fetch function
  { fetch: 42 },
  // @ts-expect-error endpoints names operations: there is no `login`
  { endpoints: { login: { url: '/login' } } },
  // @ts-expect-error the success handler gets a PasskeyLoginSuccessEvent, not a failure
  { 'onpasskey-login-success': onFailure },
  // @ts-expect-error no such event
  { 'onpasskey-login-succeeded': () => {} },
  // And the right types pass.
  { 'request-timeout': 10_000, endpoints: { signOut: false }, fetch: globalThis.fetch, 'onpasskey-login-failure': onFailure },
];
