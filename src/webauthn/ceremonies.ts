/**
 * The WebAuthn requests the element makes, as ceremonies the page's coordinator runs. Browsers
 * that decode and encode WebAuthn JSON themselves (WebAuthn L3 §5.1.9–§5.1.11:
 * `parseRequestOptionsFromJSON`, `parseCreationOptionsFromJSON`, `toJSON()`) get a plain
 * `navigator.credentials` call with the element's own AbortController; older ones get
 * @simplewebauthn/browser, loaded only then.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Ceremony } from './coordinator.js';

/** Extra time past the options' own timeout before the watchdog gives up on a modal request. */
export const WATCHDOG_MARGIN_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 300_000;

export const watchdog = (timeout: number | undefined) => (timeout && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS) + WATCHDOG_MARGIN_MS;

interface JsonCapable {
  parseRequestOptionsFromJSON?: (options: PublicKeyCredentialRequestOptionsJSON) => PublicKeyCredentialRequestOptions;
  parseCreationOptionsFromJSON?: (options: PublicKeyCredentialCreationOptionsJSON) => PublicKeyCredentialCreationOptions;
  prototype?: { toJSON?: unknown };
}

/** The browser's JSON methods, when it has all three; looked up per request, never at import time. */
export function jsonMethods(): Required<Pick<JsonCapable, 'parseRequestOptionsFromJSON' | 'parseCreationOptionsFromJSON'>> | undefined {
  const PKC = globalThis.PublicKeyCredential as unknown as JsonCapable | undefined;
  if (typeof PKC?.parseRequestOptionsFromJSON !== 'function' || typeof PKC.parseCreationOptionsFromJSON !== 'function') return undefined;
  if (typeof PKC.prototype?.toJSON !== 'function') return undefined;
  return {
    parseRequestOptionsFromJSON: (options) => PKC.parseRequestOptionsFromJSON!(options),
    parseCreationOptionsFromJSON: (options) => PKC.parseCreationOptionsFromJSON!(options),
  };
}

type Library = typeof import('./simplewebauthn.js');
let loading: Promise<Library> | undefined;
let loaded: Library | undefined;

/**
 * @simplewebauthn/browser, for browsers without the JSON methods. Asked for as soon as a ceremony
 * is prepared (autofill arms on load), so that a click later reaches `get()` or `create()` without
 * an await in between: Safari drops the click's user activation across slow awaits. A failed load
 * may be tried again.
 */
function loadLibrary(): Promise<Library> {
  loading ??= import('./simplewebauthn.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      // Offline or blocked: a passing platform fault as far as the flow is concerned, not bad options.
      throw new DOMException(String((error as Error)?.message ?? error), 'UnknownError');
    },
  );
  return loading;
}

/**
 * One ceremony, by whichever path this browser has. `native` makes the request with a signal;
 * `fallback` makes it through the library, whose AbortController is a module singleton that only
 * `WebAuthnAbortService` can abort.
 */
export function ceremony<T>(
  mode: Ceremony<T>['mode'],
  operation: Ceremony<T>['operation'],
  timeout: number | undefined,
  native: ((signal: AbortSignal) => Promise<T>) | undefined,
  fallback: (library: Library) => Promise<T>,
): Ceremony<T> {
  // A fresh controller for each start: the coordinator starts a conditional request again after
  // another element's click took the page's slot and aborted it.
  let controller = new AbortController();
  let abortLibrary: (() => void) | undefined;
  if (!native) loadLibrary().catch(() => undefined);
  return {
    mode,
    operation,
    // A conditional request has no timeout of its own (WebAuthn L3 §5.1.4.1 step 21): no watchdog.
    ...(mode === 'modal' ? { watchdogMs: watchdog(timeout) } : {}),
    cancel: () => {
      controller.abort();
      abortLibrary?.();
    },
    start: async () => {
      controller = new AbortController();
      const { signal } = controller;
      if (native) return native(signal);
      const library = loaded ?? (await loadLibrary());
      if (signal.aborted) throw new DOMException('Aborted before it started', 'AbortError');
      abortLibrary = () => library.WebAuthnAbortService.cancelCeremony();
      return fallback(library);
    },
  };
}

/** What `get()`/`create()` answered, as JSON; `null` only from a broken platform. */
export function toJson<T>(credential: Credential | null): T {
  if (!credential) throw new DOMException('No credential was returned', 'NotAllowedError');
  return (credential as PublicKeyCredential).toJSON() as T;
}

function getRequest(options: PublicKeyCredentialRequestOptionsJSON, mode: 'conditional' | 'modal'): Ceremony<AuthenticationResponseJSON> {
  const json = jsonMethods();
  return ceremony(
    mode,
    'get',
    options.timeout,
    json &&
      (async (signal) => {
        const publicKey = json.parseRequestOptionsFromJSON(options);
        const request: CredentialRequestOptions = { publicKey, signal, ...(mode === 'conditional' ? { mediation: 'conditional' } : {}) };
        return toJson<AuthenticationResponseJSON>(await navigator.credentials.get(request));
      }),
    // The library looks for the autofill input with document.querySelectorAll, which cannot see
    // into a shadow root; the element checks its own input instead.
    (library) =>
      library.startAuthentication({ optionsJSON: options, ...(mode === 'conditional' ? { useBrowserAutofill: true, verifyBrowserAutofillInput: false } : {}) }),
  );
}

/** A conditional (autofill) `get()`: the passkeys appear among the identifier field's suggestions. */
export const autofillRequest = (options: PublicKeyCredentialRequestOptionsJSON) => getRequest(options, 'conditional');

/** A modal `get()`: the browser's sheet, from a click. */
export const signInRequest = (options: PublicKeyCredentialRequestOptionsJSON) => getRequest(options, 'modal');
