// @ts-check
import { createHmac } from 'node:crypto';
import { Problem } from './http.js';

const MAX_IDENTIFIER_LENGTH = 64;
// Controls, line breaks and bidi overrides: invisible in a name and useful only for spoofing.
const FORBIDDEN_IN_IDENTIFIER = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
// Deliberately loose (WHATWG's input[type=email] is no stricter): the code sent there is the
// real test of an address.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u;
const E164 = /^\+[1-9]\d{6,14}$/;
// ITU-T E.164 country codes of one and two digits; every other one has three.
const SHORT_COUNTRY_CODES = new Set([
  '1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45',
  '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62',
  '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);
const MASK = '•••';

/**
 * @param {unknown} value
 * @returns {string} trimmed and NFC-normalized, so visually equal names are one account
 */
export function parseIdentifier(value) {
  if (typeof value !== 'string') throw new Problem('invalid-identifier');
  const name = value.trim().normalize('NFC');
  const length = [...name].length;
  if (length < 1 || length > MAX_IDENTIFIER_LENGTH || FORBIDDEN_IN_IDENTIFIER.test(name)) {
    throw new Problem('invalid-identifier');
  }
  return name;
}

/**
 * The key for per-account limits: one per account whatever the case, and the same function
 * for identifiers that have no account, so limits cannot tell the two apart.
 * @param {string} name from parseIdentifier
 */
export function accountKey(name) {
  return name.toLowerCase();
}

/**
 * @param {unknown} value
 * @returns {string | null} the address with its domain lower-cased; null when absent
 */
export function parseEmail(value) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Problem('invalid-email');
  const email = value.trim().normalize('NFC');
  if (email.length > 254 || !EMAIL.test(email)) throw new Problem('invalid-email');
  const at = email.lastIndexOf('@');
  return email.slice(0, at + 1) + email.slice(at + 1).toLowerCase();
}

/**
 * @param {unknown} value E.164, with spaces, dots, dashes and brackets tolerated
 * @returns {string | null} E.164; null when absent
 */
export function parsePhone(value) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Problem('invalid-phone');
  const phone = value.replace(/[\s.()-]/g, '');
  if (!E164.test(phone)) throw new Problem('invalid-phone');
  return phone;
}

/** @param {string} email */
export function maskEmail(email) {
  const at = email.lastIndexOf('@');
  return `${String.fromCodePoint(email.codePointAt(0) ?? 0x3f)}${MASK}${email.slice(at)}`;
}

/** @param {string} phone E.164 */
export function maskPhone(phone) {
  const digits = phone.slice(1);
  const length = SHORT_COUNTRY_CODES.has(digits.slice(0, 1))
    ? 1
    : SHORT_COUNTRY_CODES.has(digits.slice(0, 2))
      ? 2
      : 3;
  return `+${digits.slice(0, length)} ${MASK} ${digits.slice(-2)}`;
}

const FAKE_EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de'];
const FAKE_COUNTRY_CODES = ['1', '44', '49', '33', '34', '39', '31', '61'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Keyed hashing for answers that must look the same for every identifier, account or not.
 * @param {string | Buffer} secret
 */
export function createKeyedHash(secret) {
  /**
   * @param {string} label what the hash is for, so one use never reveals another
   * @param {string} value
   */
  return (label, value) => createHmac('sha256', secret).update(`${label}\0${value}`).digest();
}

/**
 * A masked destination for an identifier that has no account, or no address on that channel:
 * stable for that identifier, so asking twice does not give the game away.
 * @param {Buffer} hash from createKeyedHash
 * @param {'email' | 'sms'} channel
 * @param {string} name
 */
export function fakeDestination(hash, channel, name) {
  if (channel === 'email') {
    // An identifier that is an address is the likeliest place a code would go.
    if (EMAIL.test(name)) return maskEmail(name);
    return `${LETTERS[hash[0] % LETTERS.length]}${MASK}@${FAKE_EMAIL_DOMAINS[hash[1] % FAKE_EMAIL_DOMAINS.length]}`;
  }
  const country = FAKE_COUNTRY_CODES[hash[2] % FAKE_COUNTRY_CODES.length];
  return `+${country} ${MASK} ${String(hash.readUInt16BE(3) % 100).padStart(2, '0')}`;
}
