// @ts-check
import { createHmac } from 'node:crypto';
import { Problem } from './problems.js';

const MAX_IDENTIFIER_LENGTH = 64;
// PRECIS (RFC 8264) style: what cannot be seen or typed has no place in a name people read, and
// lets `alice\u200B` pass for `alice` on the support desk, the approval page and in emails.
// Controls, default-ignorable characters (zero-width spaces and joiners, soft hyphen, word
// joiner, bidi controls, variation selectors…), line and paragraph separators, private use,
// surrogates and unassigned code points.
const FORBIDDEN_IN_IDENTIFIER = /[\p{Cc}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}]/u;
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
 * @returns {string} trimmed and NFC-normalized, as the account's name is shown
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
 * THE identifier normalisation: the key every account lookup, per-account limit and the unique
 * index on `users.name_key` use, so `Élodie`, `élodie` and `ÉLODIE` are one account everywhere
 * and no answer differs between them. Unicode NFKC, then a full case fold (upper then lower case
 * folds `ß` to `ss` and final sigma to sigma, as `toLowerCase` alone does not), then NFKC again
 * as PRECIS does after case mapping. The same function for identifiers without an account, so
 * limits cannot tell the two apart.
 * @param {string} name from parseIdentifier
 */
export function accountKey(name) {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/**
 * For the support desk: an identifier with every character outside printable ASCII spelled out,
 * so `аlice` (Cyrillic а) does not pass for `alice`. Null when there is nothing to point out.
 * @param {string} name
 */
export function revealUnusual(name) {
  if (/^[\x20-\x7e]*$/.test(name)) return null;
  return [...name]
    .map((character) =>
      /[\x20-\x7e]/.test(character)
        ? character
        : `<U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
    )
    .join('');
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
  return `+${countryCodeOf(phone)} ${MASK} ${phone.slice(-2)}`;
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
 * What real destinations look like on this site, for stand-ins to look the same: the email
 * domains and phone country codes of real accounts, each with how many use it. Only values shared
 * by several accounts, so a stand-in never shows the one account with an unusual domain.
 * @typedef {object} DestinationMix
 * @property {{ value: string, count: number }[]} domains
 * @property {{ value: string, count: number }[]} countries
 */

/**
 * @param {{ value: string, count: number }[]} mix
 * @param {number} pick a number from the keyed hash
 * @returns {string | null}
 */
function weighted(mix, pick) {
  const total = mix.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  let at = pick % total;
  for (const entry of mix) {
    if (at < entry.count) return entry.value;
    at -= entry.count;
  }
  return null;
}

/**
 * @param {string} phone E.164
 * @returns {string} its country code
 */
export function countryCodeOf(phone) {
  const digits = phone.slice(1);
  const length = SHORT_COUNTRY_CODES.has(digits.slice(0, 1)) ? 1 : SHORT_COUNTRY_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return digits.slice(0, length);
}

/**
 * A masked destination for an identifier that has no account, or no address on that channel:
 * stable for that identifier, so asking twice does not give the game away, and drawn from what
 * real accounts here have (domains, country codes), so it does not stand out from a real one.
 * @param {Buffer} hash from createKeyedHash
 * @param {'email' | 'sms'} channel
 * @param {string} name
 * @param {DestinationMix} [mix]
 */
export function fakeDestination(hash, channel, name, mix = { domains: [], countries: [] }) {
  if (channel === 'email') {
    // An identifier that is an address is the likeliest place a code would go.
    if (EMAIL.test(name)) return maskEmail(name);
    const domain = weighted(mix.domains, hash.readUInt32BE(4)) ?? FAKE_EMAIL_DOMAINS[hash[1] % FAKE_EMAIL_DOMAINS.length];
    return `${LETTERS[hash[0] % LETTERS.length]}${MASK}@${domain}`;
  }
  const country = weighted(mix.countries, hash.readUInt32BE(8)) ?? FAKE_COUNTRY_CODES[hash[2] % FAKE_COUNTRY_CODES.length];
  return `+${country} ${MASK} ${String(hash.readUInt16BE(3) % 100).padStart(2, '0')}`;
}
