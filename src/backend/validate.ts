/**
 * Shape checks for what the backend sends, before any of it reaches WebAuthn or the view. A
 * malformed answer becomes a `bad-response` failure instead of a TypeError deep in a ceremony.
 */
import type {
  PublicKeyCredentialRequestOptionsJSON,
  SignInResult,
} from '../machine/types.js';
import type { Report } from './client.js';

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
export const isBase64url = (value: unknown): value is string => typeof value === 'string' && BASE64URL.test(value);

export const isDescriptorList = (value: unknown): boolean =>
  value === undefined ||
  (Array.isArray(value) && value.every((d) => isObject(d) && isBase64url(d.id) && d.type === 'public-key'));

export const optionalNumber = (value: unknown): boolean => value === undefined || (typeof value === 'number' && value >= 0);

export function asRequestOptions(value: unknown): PublicKeyCredentialRequestOptionsJSON | undefined {
  if (!isObject(value) || !isBase64url(value.challenge)) return undefined;
  if (!optionalNumber(value.timeout) || !isDescriptorList(value.allowCredentials)) return undefined;
  if (value.rpId !== undefined && typeof value.rpId !== 'string') return undefined;
  return value as unknown as PublicKeyCredentialRequestOptionsJSON;
}

/**
 * A sign-in answer: a `user` object is all it needs. What the element shows or passes on is
 * checked; what it cannot use (a `redirect: false`, a number for a name) is left aside with a
 * diagnostic, never a reason to refuse a sign-in the backend has already made.
 */
export function asSignInResult(value: unknown, report: Report = () => {}): SignInResult | undefined {
  if (!isObject(value) || !isObject(value.user)) return undefined;
  const { id, name, displayName } = value.user;
  // Said in full by the diagnostic (steps/effects.ts), which loads apart from this check.
  const ignore = (field: string, got: unknown) => report('ignored-field', `${field}: ${JSON.stringify(got)}`);
  const result: SignInResult = { user: { id: typeof id === 'string' || typeof id === 'number' ? String(id) : '', name: typeof name === 'string' ? name : '' } };
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') ignore('user.id', id);
  if (name !== undefined && typeof name !== 'string') ignore('user.name', name);
  if (typeof displayName === 'string') result.user.displayName = displayName;
  else if (displayName !== undefined && displayName !== null) ignore('user.displayName', displayName);
  if (typeof value.redirect === 'string') result.redirect = value.redirect;
  else if (value.redirect !== undefined && value.redirect !== null) ignore('redirect', value.redirect);
  return result;
}

/** Anything is fine: sign-out answers 204 or a body the widget ignores. */
export const asAnything = (): true => true;

/** The session operation: a sign-in result, or `null` for "nobody is signed in" (`{"user": null}`). */
export function asSession(value: unknown, report: Report = () => {}): SignInResult | null | undefined {
  // `{user: null}`, or nothing at all (a 204, `null`): nobody is signed in.
  if (value === undefined || value === null || (isObject(value) && (value.user === null || value.user === undefined))) return null;
  return asSignInResult(value, report);
}
