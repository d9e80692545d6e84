import type { PublicKeyCredentialCreationOptionsJSON } from '../machine/types.js';
import { isBase64url, isDescriptorList, isObject, optionalNumber } from './validate.js';

/** Sign-up only, so it loads with the steps chunk. */
export function asCreationOptions(value: unknown): PublicKeyCredentialCreationOptionsJSON | undefined {
  if (!isObject(value) || !isBase64url(value.challenge)) return undefined;
  const { rp, user, pubKeyCredParams } = value;
  if (!isObject(rp) || typeof rp.name !== 'string') return undefined;
  if (!isObject(user) || !isBase64url(user.id) || typeof user.name !== 'string') return undefined;
  if (!Array.isArray(pubKeyCredParams) || pubKeyCredParams.length === 0) return undefined;
  if (!optionalNumber(value.timeout) || !isDescriptorList(value.excludeCredentials)) return undefined;
  return value as unknown as PublicKeyCredentialCreationOptionsJSON;
}
