/**
 * Shape checks for what the backend sends, before any of it reaches WebAuthn or the view. A
 * malformed answer becomes a `bad-response` failure instead of a TypeError deep in a ceremony.
 */
import type {
  PublicKeyCredentialRequestOptionsJSON,
  SignInResult,
} from '../machine/types.js';

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

export function asSignInResult(value: unknown): SignInResult | undefined {
  if (!isObject(value) || !isObject(value.user)) return undefined;
  const { id, name, displayName } = value.user;
  if (typeof id !== 'string' || typeof name !== 'string') return undefined;
  if (displayName !== undefined && typeof displayName !== 'string') return undefined;
  if (value.redirect !== undefined && typeof value.redirect !== 'string') return undefined;
  const result: SignInResult = { user: { id, name } };
  if (typeof displayName === 'string') result.user.displayName = displayName;
  if (typeof value.redirect === 'string') result.redirect = value.redirect;
  return result;
}

/** Anything is fine: sign-out answers 204 or a body the widget ignores. */
export const asAnything = (): true => true;

/** The session operation: a sign-in result, or `null` for "nobody is signed in" (`{"user": null}`). */
export function asSession(value: unknown): SignInResult | null | undefined {
  if (isObject(value) && value.user === null) return null;
  return asSignInResult(value);
}
