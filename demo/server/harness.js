// @ts-check
// Test scaffolding: an app on 127.0.0.1:0 and a client that behaves like the widget in a
// browser (cookie jar, same-origin headers). Named so `node --test` does not run it as a test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { createApp } from './app.js';
import { checkExchange } from './openapi.js';
import { SoftAuthenticator } from './soft-authenticator.js';

/** @typedef {import('./app.js').AppOptions} AppOptions */
/** @typedef {import('./soft-authenticator.js').Tamper} Tamper */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {Headers} headers
 * @property {string[]} setCookies
 * @property {any} json the parsed body, or undefined when it is not JSON
 * @property {string} text
 */

export const API = '/api/auth';

/**
 * Far below the real cost so the suite stays fast; tests about timing pass the real one.
 * @type {import('./passwords.js').ScryptCost}
 */
export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/**
 * Which database the suite runs on: SQLite in memory, or with TEST_DATABASE_URL set (as
 * `npm test` does for its second pass), a PostgreSQL server.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL || null;

/**
 * A database of its own for one test server: ':memory:', or a fresh schema in the PostgreSQL
 * database, reached through the connection's search_path.
 * @returns {Promise<string>}
 */
export async function freshDatabase() {
  if (!POSTGRES_URL) return ':memory:';
  const schema = `t_${randomBytes(8).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('pool_max', '4');
  return url.toString();
}

/**
 * @param {Partial<AppOptions>} [options]
 */
export async function startServer(options = {}) {
  let origin = '';
  /** @type {string[]} */
  const logs = [];
  const app = createApp({
    database: options.database ?? (await freshDatabase()),
    rpID: 'localhost',
    origins: () => [origin],
    log: (line) => logs.push(line),
    scryptCost: CHEAP_SCRYPT,
    ...options,
  });
  await app.ready;
  const apiBase = (options.apiBase ?? API).replace(/\/+$/, '');
  /** @type {string[]} */
  const nonconforming = [];
  // Every API response of every test goes through the OpenAPI document's schemas.
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (!path.startsWith(`${apiBase}/`)) return app.handle(req, res);
    /** @type {Buffer[]} */
    const chunks = [];
    const { write, end, writeHead } = res;
    /** @type {string | undefined} */
    let contentType;
    // Fastify hands its headers to writeHead rather than setting them one by one.
    res.writeHead = /** @type {any} */ (
      (/** @type {number} */ status, /** @type {any[]} */ ...rest) => {
        const headers = rest.find((arg) => arg && typeof arg === 'object');
        if (headers) {
          const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
          if (entry) contentType = String(entry[1]);
        }
        return /** @type {any} */ (writeHead).call(res, status, ...rest);
      }
    );
    res.write = /** @type {any} */ (
      (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => {
        if (chunk) chunks.push(Buffer.from(chunk));
        return /** @type {any} */ (write).call(res, chunk, ...rest);
      }
    );
    res.end = /** @type {any} */ (
      (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => {
        if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
        const errors = checkExchange({
          method: req.method ?? 'GET',
          path: path.slice(apiBase.length),
          status: res.statusCode,
          contentType: /** @type {string | undefined} */ (res.getHeader('content-type')) ?? contentType,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (errors) nonconforming.push(...errors.map((error) => `${req.method} ${path}: ${error}`));
        return /** @type {any} */ (end).call(res, chunk, ...rest);
      }
    );
    return app.handle(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no port');
  origin = `http://localhost:${address.port}`;
  const base = `http://127.0.0.1:${address.port}`;
  return {
    app,
    origin,
    base,
    port: address.port,
    /** request log lines, newest last */
    logs,
    client: () => new Client(base, origin),
    /** @param {{ flags?: import('./soft-authenticator.js').Flags, aaguid?: string }} [model] */
    authenticator: (model = {}) => new SoftAuthenticator({ origin, rpID: 'localhost', ...model }),
    /** responses that did not match demo/openapi.json so far */
    nonconforming,
    /** Stops the server, then fails if any response broke the OpenAPI document. */
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await app.close();
      assert.deepEqual(nonconforming, [], 'every API response conforms to demo/openapi.json');
    },
  };
}

/**
 * A browser tab running the widget: keeps cookies, sends the widget's headers.
 */
export class Client {
  /** @type {Map<string, string>} */
  cookies = new Map();

  /**
   * @param {string} base where to connect
   * @param {string} origin what the page's origin is
   */
  constructor(base, origin) {
    this.base = base;
    this.origin = origin;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: string, headers?: Record<string, string> }} [init]
   * @returns {Promise<Reply>}
   */
  async request(method, path, init = {}) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json, application/problem+json' };
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const res = await fetch(this.base + path, {
      method,
      headers: { ...headers, ...init.headers },
      body: init.body,
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const cleared = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, setCookies, json, text };
  }

  /**
   * A POST the way the widget sends it from a same-origin page.
   * @param {string} operation path below the API base
   * @param {unknown} [body]
   * @param {Record<string, string | undefined>} [headerChanges] undefined removes a header
   */
  post(operation, body = {}, headerChanges = {}) {
    /** @type {Record<string, string | undefined>} */
    const all = {
      'content-type': 'application/json',
      'x-requested-with': 'passkey-login',
      origin: this.origin,
      'sec-fetch-site': 'same-origin',
      ...headerChanges,
    };
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
    return this.request('POST', API + operation, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers,
    });
  }

  session() {
    return this.request('GET', `${API}/session`);
  }

  /**
   * @param {string} identifier
   * @param {'email' | 'sms'} [channel]
   * @param {'sign-in' | 'recovery'} [purpose]
   */
  sendCode(identifier, channel = 'email', purpose = 'sign-in') {
    return this.post('/code/send', { identifier, channel, purpose });
  }

  /** @param {string} code */
  verifyCode(code) {
    return this.post('/code/verify', { code });
  }

  /**
   * Registration options, then the authenticator's answer, then verify.
   * @param {SoftAuthenticator} authenticator
   * @param {string} identifier
   * @param {Tamper} [tamper]
   */
  async register(authenticator, identifier, tamper) {
    const options = await this.post('/passkey/registration/options', { identifier });
    if (options.status !== 200) return { options, verify: options, response: undefined };
    const response = authenticator.create(options.json, tamper);
    const verify = await this.post('/passkey/registration/verify', response);
    return { options, verify, response };
  }

  /**
   * @param {SoftAuthenticator} authenticator
   * @param {Tamper} [tamper]
   */
  async signIn(authenticator, tamper) {
    const options = await this.post('/passkey/authentication/options');
    const response = authenticator.get(options.json, tamper);
    const verify = await this.post('/passkey/authentication/verify', response);
    return { options, verify, response };
  }
}

/**
 * An RFC 9457 problem with the contract's `code`, and nothing the widget should not see.
 * @param {Reply} reply
 * @param {number} status
 * @param {string} code
 * @param {Record<string, unknown>} [extensions] extra members the problem must have
 */
export function assertProblem(reply, status, code, extensions = {}) {
  assert.deepEqual(
    { status: reply.status, contentType: reply.headers.get('content-type'), body: reply.json },
    {
      status,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: reply.json?.title, status, code, ...extensions },
    },
  );
  assert.equal(typeof reply.json.title, 'string');
}
