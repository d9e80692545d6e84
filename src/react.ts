/**
 * `passkey-login/react`: React components for both elements, made with `@lit/react`. Importing
 * this module registers `<passkey-login>` and `<passkey-login-approval>`; each element event is a
 * typed `on…` prop (`onPasskeyLoginSuccess`, `onPasskeyLoginApproval`, …), and every property of
 * the element is a prop, set as a property (objects and functions included).
 *
 * `usePasskeySession()` follows who is signed in, from the elements' success and signed-out events.
 *
 * Needs `react` (17 or later) and `@lit/react`, both optional peer dependencies of this package.
 * In Next.js's App Router, import it from a `'use client'` module.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { PasskeyLoginApproval as PasskeyLoginApprovalElement } from './approval/define.js';
import type { PasskeyLoginApprovalEvent } from './approval/events.js';
import { PasskeyLogin as PasskeyLoginElement } from './define.js';
import type { User } from './machine/types.js';
import type {
  PasskeyLoginDiagnosticEvent,
  PasskeyLoginFailureEvent,
  PasskeyLoginFunnelEvent,
  PasskeyLoginSignedOutEvent,
  PasskeyLoginStateEvent,
  PasskeyLoginSuccessEvent,
} from './events.js';

/** `<passkey-login>` as a React component. */
export const PasskeyLogin = createComponent({
  react: React,
  tagName: 'passkey-login',
  elementClass: PasskeyLoginElement,
  events: {
    onPasskeyLoginState: 'passkey-login-state' as EventName<PasskeyLoginStateEvent>,
    onPasskeyLoginSuccess: 'passkey-login-success' as EventName<PasskeyLoginSuccessEvent>,
    onPasskeyLoginFailure: 'passkey-login-failure' as EventName<PasskeyLoginFailureEvent>,
    onPasskeyLoginDiagnostic: 'passkey-login-diagnostic' as EventName<PasskeyLoginDiagnosticEvent>,
    onPasskeyLoginSignedOut: 'passkey-login-signed-out' as EventName<PasskeyLoginSignedOutEvent>,
    onPasskeyLoginFunnel: 'passkey-login-funnel' as EventName<PasskeyLoginFunnelEvent>,
  },
  displayName: 'PasskeyLogin',
});

/** `<passkey-login-approval>` as a React component. */
export const PasskeyLoginApproval = createComponent({
  react: React,
  tagName: 'passkey-login-approval',
  elementClass: PasskeyLoginApprovalElement,
  events: {
    onPasskeyLoginApproval: 'passkey-login-approval' as EventName<PasskeyLoginApprovalEvent>,
    onPasskeyLoginFunnel: 'passkey-login-funnel' as EventName<PasskeyLoginFunnelEvent>,
  },
  displayName: 'PasskeyLoginApproval',
});

export type PasskeyLoginProps = React.ComponentProps<typeof PasskeyLogin>;
export type PasskeyLoginApprovalProps = React.ComponentProps<typeof PasskeyLoginApproval>;

/**
 * The user the page's `<passkey-login>` last signed in (its `passkey-login-success`, from any way
 * in, or from `check-session`), or `null` before that and after `passkey-login-signed-out`. The
 * events bubble out of the element and are heard on `document`, so the hook works anywhere in the
 * tree; on the server it is `null`.
 */
export function usePasskeySession(): User | null {
  const [user, setUser] = React.useState<User | null>(null);
  React.useEffect(() => {
    const signedIn = (event: PasskeyLoginSuccessEvent) => setUser(event.detail.user);
    const signedOut = () => setUser(null);
    document.addEventListener('passkey-login-success', signedIn);
    document.addEventListener('passkey-login-signed-out', signedOut);
    return () => {
      document.removeEventListener('passkey-login-success', signedIn);
      document.removeEventListener('passkey-login-signed-out', signedOut);
    };
  }, []);
  return user;
}
