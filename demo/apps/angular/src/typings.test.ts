// Type tests: `npm run typecheck` fails if the element's property types accept any of these.
// Angular's template checker does not look into bindings on custom elements (CUSTOM_ELEMENTS_SCHEMA),
// so app.ts types the values it binds as the element's properties, as these do.
import type { PasskeyLogin, PasskeyLoginFailureEvent } from 'passkey-login';

// @ts-expect-error requestTimeout is a number
export const requestTimeout: PasskeyLogin['requestTimeout'] = 'soon';
// @ts-expect-error fetch is a fetch function
export const fetch: PasskeyLogin['fetch'] = 42;
// @ts-expect-error endpoints names operations: there is no `login`
export const endpoints: PasskeyLogin['endpoints'] = { login: { url: '/login' } };
// @ts-expect-error a success listener gets a PasskeyLoginSuccessEvent, not a failure
export const listen = (element: PasskeyLogin) => element.addEventListener('passkey-login-success', (event: PasskeyLoginFailureEvent) => event.detail.code);
// And the right types pass.
export const right: Partial<PasskeyLogin> = { requestTimeout: 10_000, endpoints: { signOut: false }, fetch: globalThis.fetch };
export const user = (element: PasskeyLogin) => element.addEventListener('passkey-login-success', (event) => event.detail.user.name);
