import { METHODS } from '../steps/fallbacks/machine.js';
import type { CodeChannel, CodeSent, DeviceRequest, Method, SavedPasskey, SignInResult } from '../machine/types.js';
import { bounded, CODE_LENGTH, MAX_SECONDS } from './bounds.js';
import type { Report } from './client.js';
import { asSignInResult, isObject } from './validate.js';

const quiet: Report = () => {};

/** The longest wait between two polls the element believes, in seconds. */
const MAX_POLL_S = 60;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** `{methods: [...]}`; names the widget does not know are dropped, not fatal. */
export function asMethods(value: unknown): Method[] | undefined {
  if (!isObject(value) || !Array.isArray(value.methods)) return undefined;
  return value.methods.filter((method): method is Method => (METHODS as readonly unknown[]).includes(method));
}

/** The answer to "send a code", stamped with its arrival time for the countdowns. */
export function asCodeSent(value: unknown, report: Report = quiet): CodeSent | undefined {
  if (!isObject(value)) return undefined;
  const { channel, destination, expiresIn, resendAfter, length } = value;
  if (channel !== 'email' && channel !== 'sms') return undefined;
  if (typeof destination !== 'string' || !isCount(expiresIn) || !isCount(resendAfter)) return undefined;
  if (length !== undefined && !isCount(length)) return undefined;
  const sent: CodeSent = {
    channel: channel as CodeChannel,
    destination,
    expiresIn: bounded(expiresIn, 0, MAX_SECONDS, 'expiresIn', report),
    resendAfter: bounded(resendAfter, 0, MAX_SECONDS, 'resendAfter', report),
    at: Date.now(),
  };
  // The contract's default is 6. A length no code can have is not asked for: any code of 4 to
  // 12 digits goes to the server, which knows.
  const digits = length ?? 6;
  if (digits >= CODE_LENGTH.min && digits <= CODE_LENGTH.max) sent.length = digits;
  else report('out-of-range', `The backend's code length of ${digits} is outside ${CODE_LENGTH.min}–${CODE_LENGTH.max}; any code of ${CODE_LENGTH.min} to ${CODE_LENGTH.max} digits is accepted.`);
  return sent;
}

/** A sign-in result, plus whether the code was a recovery code. */
export function asCodeResult(value: unknown, report: Report = quiet): { result: SignInResult; recovery: boolean } | undefined {
  const result = asSignInResult(value, report);
  return result && { result, recovery: isObject(value) && value.recovery === true };
}

/** The answer to "approve me from another device". */
export function asDeviceRequest(value: unknown, report: Report = quiet): DeviceRequest | undefined {
  if (!isObject(value)) return undefined;
  const { id, code, expiresIn, pollAfter } = value;
  if (typeof id !== 'string' || !id || typeof code !== 'string' || !code || !isCount(expiresIn)) return undefined;
  return {
    id,
    code,
    expiresIn: bounded(expiresIn, 0, MAX_SECONDS, 'expiresIn', report),
    pollAfter: isCount(pollAfter) && pollAfter > 0 ? bounded(pollAfter, 1, MAX_POLL_S, 'pollAfter', report) : 2,
    at: Date.now(),
  };
}

export type DeviceStatus =
  | { status: 'approved'; result: SignInResult }
  | { status: 'pending' | 'denied' | 'expired' | 'used'; pollAfter?: number };

/** A poll's answer; `approved` carries the sign-in result. */
export function asDeviceStatus(value: unknown, report: Report = quiet): DeviceStatus | undefined {
  if (!isObject(value)) return undefined;
  const { status, pollAfter } = value;
  if (status === 'approved') {
    const result = asSignInResult(value, report);
    return result && { status, result };
  }
  if (status !== 'pending' && status !== 'denied' && status !== 'expired' && status !== 'used') return undefined;
  return isCount(pollAfter) && pollAfter > 0 ? { status, pollAfter: bounded(pollAfter, 1, MAX_POLL_S, 'pollAfter', report) } : { status };
}

/** How many passkeys the signed-in account has, and how many of them sync (`GET /passkeys`). */
export function asPasskeyCount(value: unknown): { count: number; synced: number } | undefined {
  if (!isObject(value) || !Array.isArray(value.passkeys)) return undefined;
  const passkeys = value.passkeys.filter(isObject);
  return { count: passkeys.length, synced: passkeys.filter((passkey) => passkey.backedUp === true || passkey.deviceType === 'multiDevice').length };
}

/** A registration verify for the signed-in account: the result, and where the passkey was saved when said. */
export function asEnrolled(value: unknown, report: Report = quiet): { result: SignInResult; saved?: SavedPasskey } | undefined {
  const result = asSignInResult(value, report);
  if (!result) return undefined;
  const passkey = isObject(value) && isObject(value.passkey) ? value.passkey : undefined;
  if (!passkey) return { result };
  const provider = typeof passkey.provider === 'string' && passkey.provider.length <= 80 ? passkey.provider : undefined;
  const synced = typeof passkey.backupEligible === 'boolean' ? passkey.backupEligible : typeof passkey.backedUp === 'boolean' ? passkey.backedUp : undefined;
  return { result, saved: { ...(synced === undefined ? {} : { synced }), ...(provider ? { provider } : {}) } };
}
