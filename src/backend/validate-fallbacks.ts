import { METHODS } from '../machine/fallbacks.js';
import type { CodeChannel, CodeSent, DeviceRequest, Method, SavedPasskey, SignInResult } from '../machine/types.js';
import { asSignInResult, isObject } from './validate.js';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** `{methods: [...]}`; names the widget does not know are dropped, not fatal. */
export function asMethods(value: unknown): Method[] | undefined {
  if (!isObject(value) || !Array.isArray(value.methods)) return undefined;
  return value.methods.filter((method): method is Method => (METHODS as readonly unknown[]).includes(method));
}

/** The answer to "send a code", stamped with its arrival time for the countdowns. */
export function asCodeSent(value: unknown): CodeSent | undefined {
  if (!isObject(value)) return undefined;
  const { channel, destination, expiresIn, resendAfter, length } = value;
  if (channel !== 'email' && channel !== 'sms') return undefined;
  if (typeof destination !== 'string' || !isCount(expiresIn) || !isCount(resendAfter)) return undefined;
  if (length !== undefined && !isCount(length)) return undefined;
  return { channel: channel as CodeChannel, destination, expiresIn, resendAfter, length: length ?? 6, at: Date.now() };
}

/** A sign-in result, plus whether the code was a recovery code. */
export function asCodeResult(value: unknown): { result: SignInResult; recovery: boolean } | undefined {
  const result = asSignInResult(value);
  return result && { result, recovery: isObject(value) && value.recovery === true };
}

/** The answer to "approve me from another device". */
export function asDeviceRequest(value: unknown): DeviceRequest | undefined {
  if (!isObject(value)) return undefined;
  const { id, code, expiresIn, pollAfter } = value;
  if (typeof id !== 'string' || !id || typeof code !== 'string' || !code || !isCount(expiresIn)) return undefined;
  return { id, code, expiresIn, pollAfter: isCount(pollAfter) && pollAfter > 0 ? pollAfter : 2, at: Date.now() };
}

export type DeviceStatus =
  | { status: 'approved'; result: SignInResult }
  | { status: 'pending' | 'denied' | 'expired' | 'used'; pollAfter?: number };

/** A poll's answer; `approved` carries the sign-in result. */
export function asDeviceStatus(value: unknown): DeviceStatus | undefined {
  if (!isObject(value)) return undefined;
  const { status, pollAfter } = value;
  if (status === 'approved') {
    const result = asSignInResult(value);
    return result && { status, result };
  }
  if (status !== 'pending' && status !== 'denied' && status !== 'expired' && status !== 'used') return undefined;
  return isCount(pollAfter) && pollAfter > 0 ? { status, pollAfter } : { status };
}

/** How many passkeys the signed-in account has, and how many of them sync (`GET /passkeys`). */
export function asPasskeyCount(value: unknown): { count: number; synced: number } | undefined {
  if (!isObject(value) || !Array.isArray(value.passkeys)) return undefined;
  const passkeys = value.passkeys.filter(isObject);
  return { count: passkeys.length, synced: passkeys.filter((passkey) => passkey.backedUp === true || passkey.deviceType === 'multiDevice').length };
}

/** A registration verify for the signed-in account: the result, and where the passkey was saved when said. */
export function asEnrolled(value: unknown): { result: SignInResult; saved?: SavedPasskey } | undefined {
  const result = asSignInResult(value);
  if (!result) return undefined;
  const passkey = isObject(value) && isObject(value.passkey) ? value.passkey : undefined;
  if (!passkey) return { result };
  const provider = typeof passkey.provider === 'string' && passkey.provider.length <= 80 ? passkey.provider : undefined;
  return { result, saved: { synced: passkey.backupEligible === true, ...(provider ? { provider } : {}) } };
}
