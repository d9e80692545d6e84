import { METHODS } from '../machine/fallbacks.js';
import type { CodeChannel, CodeSent, Method, SignInResult } from '../machine/types.js';
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
