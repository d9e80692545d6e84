// @ts-check
// A software passkey authenticator for tests: real P-256 keys and real signatures, so the
// server's verify code runs exactly as it does against a browser. Not a security boundary.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** @typedef {import('@simplewebauthn/server').PublicKeyCredentialCreationOptionsJSON} CreationOptions */
/** @typedef {import('@simplewebauthn/server').PublicKeyCredentialRequestOptionsJSON} RequestOptions */
/** @typedef {import('@simplewebauthn/server').RegistrationResponseJSON} RegistrationResponseJSON */
/** @typedef {import('@simplewebauthn/server').AuthenticationResponseJSON} AuthenticationResponseJSON */
/** @typedef {import('node:crypto').KeyObject} KeyObject */

/** @typedef {number | string | Uint8Array | CborMap} CborValue */
/** @typedef {Map<number | string, CborValue>} CborMap */

/**
 * @typedef {object} Flags authenticatorData flags (WebAuthn L3 §6.1)
 * @property {boolean} [up] user present
 * @property {boolean} [uv] user verified
 * @property {boolean} [be] backup eligible
 * @property {boolean} [bs] backed up
 */

/**
 * @typedef {object} Tamper what to get wrong on purpose, to exercise a server check
 * @property {string} [origin] clientData origin
 * @property {string} [type] clientData type
 * @property {string} [challenge] clientData challenge
 * @property {string} [rpID] hashed into authenticatorData
 * @property {Flags} [flags] overrides the authenticator's flags
 * @property {number} [counter] signature counter to report (get only)
 * @property {boolean} [badSignature] flip a bit of the signed data before signing
 * @property {string} [credentialId] which credential to use or to create, base64url
 * @property {string | null} [userHandle] sent user handle; null leaves it out
 */

/**
 * @typedef {object} SoftCredential
 * @property {string} id base64url
 * @property {KeyObject} privateKey
 * @property {string} userHandle base64url, as the server sent it
 * @property {number} counter
 */

const FLAG = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 };

/**
 * The major type and length prefix of a CBOR item (RFC 8949 §3), shortest form.
 * @param {number} major
 * @param {number} length
 */
function cborHead(major, length) {
  const type = major << 5;
  if (length < 24) return Buffer.from([type | length]);
  if (length < 0x100) return Buffer.from([type | 24, length]);
  if (length < 0x10000) {
    const head = Buffer.alloc(3);
    head[0] = type | 25;
    head.writeUInt16BE(length, 1);
    return head;
  }
  const head = Buffer.alloc(5);
  head[0] = type | 26;
  head.writeUInt32BE(length, 1);
  return head;
}

/**
 * Just the CBOR this needs: small integers, byte and text strings, maps.
 * @param {CborValue} value
 * @returns {Buffer}
 */
export function encodeCbor(value) {
  if (typeof value === 'number') {
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  /** @type {Buffer[]} */
  const parts = [cborHead(5, value.size)];
  for (const [key, item] of value) parts.push(encodeCbor(key), encodeCbor(item));
  return Buffer.concat(parts);
}

/** @param {string | Buffer} data */
const sha256 = (data) => createHash('sha256').update(data).digest();

/**
 * The COSE_Key form of an ES256 public key (RFC 9053 §7.1.1).
 * @param {KeyObject} publicKey
 */
function coseKey(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  return encodeCbor(
    new Map(
      /** @type {[number, CborValue][]} */ ([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(String(jwk.x), 'base64url')],
        [-3, Buffer.from(String(jwk.y), 'base64url')],
      ]),
    ),
  );
}

export class SoftAuthenticator {
  /** @type {Map<string, SoftCredential>} */
  credentials = new Map();

  /**
   * @param {{ origin: string, rpID: string, flags?: Flags, aaguid?: string }} options
   *   default flags: a synced passkey (UP, UV, BE, BS); default AAGUID all zeros, as many
   *   providers send with 'none' attestation
   */
  constructor({ origin, rpID, flags = {}, aaguid = '00000000-0000-0000-0000-000000000000' }) {
    this.origin = origin;
    this.rpID = rpID;
    this.flags = { up: true, uv: true, be: true, bs: true, ...flags };
    this.aaguid = aaguid;
  }

  /**
   * @param {Flags} flags
   * @param {boolean} attested
   */
  #flagsByte(flags, attested) {
    let byte = attested ? FLAG.at : 0;
    for (const name of /** @type {const} */ (['up', 'uv', 'be', 'bs'])) {
      if (flags[name]) byte |= FLAG[name];
    }
    return byte;
  }

  /**
   * @param {string} type
   * @param {string} challenge
   * @param {Tamper} tamper
   */
  #clientData(type, challenge, tamper) {
    return Buffer.from(
      JSON.stringify({
        type: tamper.type ?? type,
        challenge: tamper.challenge ?? challenge,
        origin: tamper.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
  }

  /**
   * navigator.credentials.create() with 'none' attestation, as its JSON form.
   * @param {CreationOptions} options
   * @param {Tamper} [tamper]
   * @returns {RegistrationResponseJSON}
   */
  create(options, tamper = {}) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = tamper.credentialId ?? randomBytes(16).toString('base64url');
    const rawId = Buffer.from(id, 'base64url');
    const counter = 0;
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      sha256(tamper.rpID ?? this.rpID),
      Buffer.from([this.#flagsByte({ ...this.flags, ...tamper.flags }, true)]),
      counterBytes,
      Buffer.from(this.aaguid.replace(/-/g, ''), 'hex'),
      idLength,
      rawId,
      coseKey(publicKey),
    ]);
    const attestationObject = encodeCbor(
      new Map(
        /** @type {[string, CborValue][]} */ ([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      ),
    );
    this.credentials.set(id, { id, privateKey, userHandle: options.user.id, counter });
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.#clientData('webauthn.create', options.challenge, tamper).toString(
          'base64url',
        ),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /**
   * navigator.credentials.get() for a discoverable credential, as its JSON form. Each call
   * bumps the credential's counter unless `tamper.counter` says what to report.
   * @param {RequestOptions} options
   * @param {Tamper} [tamper]
   * @returns {AuthenticationResponseJSON}
   */
  get(options, tamper = {}) {
    const credential = tamper.credentialId
      ? this.credentials.get(tamper.credentialId)
      : [...this.credentials.values()].at(-1);
    if (!credential) throw new Error('no credential on this authenticator');
    const counter = tamper.counter ?? credential.counter + 1;
    credential.counter = Math.max(credential.counter, counter);
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    const authData = Buffer.concat([
      sha256(tamper.rpID ?? options.rpId ?? this.rpID),
      Buffer.from([this.#flagsByte({ ...this.flags, ...tamper.flags }, false)]),
      counterBytes,
    ]);
    const clientData = this.#clientData('webauthn.get', options.challenge, tamper);
    const signed = Buffer.concat([authData, sha256(clientData)]);
    if (tamper.badSignature) signed[0] ^= 0x01;
    // node:crypto signs ECDSA as DER, which is what WebAuthn assertions carry.
    const signature = sign('sha256', signed, credential.privateKey);
    const userHandle =
      tamper.userHandle === null ? undefined : (tamper.userHandle ?? credential.userHandle);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        ...(userHandle === undefined ? {} : { userHandle }),
      },
    };
  }
}
