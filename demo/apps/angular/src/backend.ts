import type { BackendAdapter, EndpointMap, Operation } from 'passkey-login';

/** Every request the element makes goes through this: it adds the app's own header. */
export const demoFetch: typeof globalThis.fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('X-Demo-App', 'angular');
  return globalThis.fetch(input, { ...init, headers });
};

/** Per-operation settings: the sign-in verify request carries one more header. */
export const endpoints: EndpointMap = {
  authenticationVerify: { headers: { 'X-Demo-Step': 'authentication-verify' } },
};

/** The operations the adapter saw answers for, newest last (the signed-in view lists them). */
export const answered: Operation[] = [];

/** A pass-through adapter: the reference server speaks the contract, so answers stay as they are. */
export const adapter: BackendAdapter = {
  response(operation, body) {
    answered.push(operation);
    return body;
  },
};
