// @ts-check
// The harness checks every API response of the whole suite against demo/openapi.json (see
// harness.js). This file checks the checker, and that the document and the server list the
// same operations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApp } from './app.js';
import { startServer } from './harness.js';
import { OPENAPI, checkExchange, compileSchema } from './openapi.js';

describe('demo/openapi.json', () => {
  test('is OpenAPI 3.1 and documents exactly the operations the server has', async () => {
    assert.equal(OPENAPI.openapi, '3.1.0');
    const app = createApp({ database: ':memory:', rpID: 'localhost', origins: [], devOutbox: true });
    try {
      const served = app.operations.map((op) => `${op.method} ${op.path} ${op.operation}`).sort();
      const documented = Object.entries(OPENAPI.paths)
        .flatMap(([path, item]) =>
          Object.entries(/** @type {Record<string, any>} */ (item)).map(
            ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
          ),
        )
        .sort();
      assert.deepEqual(documented, served);
    } finally {
      await app.close();
    }
  });

  test('every operation documents its request body, its problems with a code enum, and 500', () => {
    for (const [path, item] of Object.entries(OPENAPI.paths)) {
      for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) {
        const where = `${method} ${path}`;
        if (method === 'post') assert.ok(op.requestBody?.content?.['application/json']?.schema, where);
        assert.ok(op.responses['500'], where);
        assert.ok(op.responses['429'], where);
        for (const [status, response] of Object.entries(/** @type {Record<string, any>} */ (op.responses))) {
          if (Number(status) < 400) continue;
          const resolved = response.$ref
            ? OPENAPI.components.responses[response.$ref.split('/').at(-1)]
            : response;
          assert.ok(resolved.content?.['application/problem+json'], `${where} ${status}`);
          assert.match(JSON.stringify(resolved.content), /"(enum|const)"|CodeInvalidProblem/, `${where} ${status}`);
        }
      }
    }
  });

  test('uses only $refs that resolve and keywords the validator knows', () => {
    /** @param {any} node @param {string} at */
    const walk = (node, at) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}/${i}`));
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') {
          const target = node.$ref
            .slice(2)
            .split('/')
            .reduce((/** @type {any} */ into, /** @type {string} */ part) => into?.[part], OPENAPI);
          assert.ok(target, `${at}: ${node.$ref} does not resolve`);
        }
        // Ajv in strict mode refuses a keyword it does not know rather than ignoring it.
        if ('schema' in node) assert.doesNotThrow(() => compileSchema(node.schema), at);
        for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
      }
    };
    walk(OPENAPI, '');
    for (const schema of Object.values(OPENAPI.components.schemas)) compileSchema(schema);
  });
});

describe('the schema validator (Ajv, JSON Schema 2020-12, strict)', () => {
  /** @param {any} schema @param {unknown} value */
  const errors = (schema, value) => {
    const validate = compileSchema(schema, { allErrors: true });
    validate(value);
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.keyword}`);
  };

  test('finds wrong types, missing and unexpected properties, enums, consts, lengths, patterns', () => {
    const schema = {
      type: 'object',
      required: ['a', 'b'],
      additionalProperties: false,
      properties: {
        a: { type: 'integer', minimum: 1 },
        b: { enum: ['x', 'y'] },
        c: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
        d: { type: 'array', items: { const: true }, maxItems: 1, uniqueItems: true },
      },
    };
    assert.deepEqual(errors(schema, { a: 1, b: 'x', c: 'ok', d: [true] }), []);
    assert.deepEqual(new Set(errors(schema, { a: 0.5, c: 'A', d: [false, true], e: 1 })), new Set([
      '/ required',
      '/ additionalProperties',
      '/a type',
      '/a minimum',
      '/c minLength',
      '/c pattern',
      '/d maxItems',
      '/d/0 const',
    ]));
    assert.deepEqual(errors({ type: 'string' }, 'é'.normalize('NFD')), []);
    assert.deepEqual(errors({ type: 'string', maxLength: 1 }, '🔑'), [], 'code points');
  });

  test('oneOf wants exactly one match, allOf all, anyOf one or more', () => {
    assert.ok(errors({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1).includes('/ oneOf'));
    assert.deepEqual(errors({ oneOf: [{ type: 'number' }, { type: 'string' }] }, 1), []);
    assert.deepEqual(errors({ allOf: [{ type: 'number' }, { minimum: 2 }] }, 1), ['/ minimum']);
    assert.ok(errors({ anyOf: [{ type: 'string' }, { type: 'null' }] }, 1).includes('/ anyOf'));
  });

  test('refuses a keyword it does not know rather than passing everything', () => {
    assert.throws(() => compileSchema({ minimumLength: 3 }), /unknown keyword/);
    assert.throws(() => compileSchema({ $ref: 'https://example.com/s' }), /resolve/);
  });
});

describe('the conformance check', () => {
  const problem = (/** @type {number} */ status, /** @type {string} */ code, extra = {}) =>
    JSON.stringify({ type: 'about:blank', title: 't', status, code, ...extra });

  test('passes documented answers', () => {
    const ok = { method: 'POST', path: '/code/verify', contentType: 'application/problem+json' };
    assert.deepEqual(checkExchange({ ...ok, status: 400, body: problem(400, 'code-invalid', { triesLeft: 2 }) }), []);
    assert.deepEqual(checkExchange({ ...ok, status: 429, body: problem(429, 'too-many-tries') }), []);
    assert.deepEqual(
      checkExchange({ method: 'POST', path: '/sign-out', status: 204, contentType: undefined, body: '' }),
      [],
    );
  });

  test('flags an undocumented status, code, content type, shape or body', () => {
    const base = { method: 'POST', path: '/code/verify', contentType: 'application/problem+json' };
    assert.match(checkExchange({ ...base, status: 418, body: '' })?.[0] ?? '', /status not documented/);
    assert.ok(checkExchange({ ...base, status: 400, body: problem(400, 'code-invalid') })?.length, 'triesLeft required');
    assert.ok(checkExchange({ ...base, status: 400, body: problem(400, 'identifier-taken') })?.length);
    assert.ok(checkExchange({ ...base, status: 400, contentType: 'text/plain', body: 'x' })?.length);
    const signIn = { method: 'POST', path: '/password/sign-in', status: 200, contentType: 'application/json' };
    assert.ok(checkExchange({ ...signIn, body: JSON.stringify({ user: { id: 'x' } }) })?.length);
    assert.ok(checkExchange({ ...signIn, body: JSON.stringify({ user: { id: 'x', name: 'n', password: 'p' } }) })?.length);
    assert.ok(checkExchange({ method: 'POST', path: '/sign-out', status: 204, contentType: undefined, body: '{}' })?.length);
  });

  test('checks a path with a parameter against its template', () => {
    const poll = { method: 'GET', path: '/device/request/AAAAAAAAAAAAAAAAAAAAAA', status: 200, contentType: 'application/json' };
    assert.deepEqual(checkExchange({ ...poll, body: JSON.stringify({ status: 'pending', pollAfter: 2 }) }), []);
    assert.ok(checkExchange({ ...poll, body: JSON.stringify({ status: 'maybe' }) })?.length);
    assert.equal(checkExchange({ ...poll, path: '/device/request/a/b', body: '' }), null);
  });

  test('leaves requests that name no operation alone', () => {
    assert.equal(checkExchange({ method: 'GET', path: '/nope', status: 404, contentType: '', body: '' }), null);
    assert.equal(checkExchange({ method: 'PUT', path: '/session', status: 405, contentType: '', body: '' }), null);
  });

  test('a walk through every operation, its main answers and errors, conforms', async () => {
    const server = await startServer({
      devOutbox: true,
      supportAccounts: [{ identifier: 'support', password: 'support password' }],
    });
    try {
      const client = server.client();
      await client.session();
      await client.post('/account', { identifier: 'ada', email: 'ada@example.com', phone: '+4917012345678', password: 'long enough' });
      await client.session();
      const options = await client.post('/passkey/registration/options', {});
      await client.post('/passkey/registration/verify', server.authenticator().create(options.json));
      await client.post('/sign-out');
      await client.post('/account', { identifier: 'ada' });
      await client.post('/account', { identifier: 'x', password: 'short' });
      await client.post('/account', { identifier: 'x', email: 'no' });
      await client.post('/account', { identifier: 'x', phone: 'no' });
      await client.post('/methods', { identifier: 'ada' });
      await client.post('/methods', { identifier: 'ghost' });
      await client.sendCode('ada', 'sms', 'recovery');
      await client.sendCode('ada', 'sms', 'recovery');
      await client.verifyCode('000000x');
      const code = /#(\d{6})$/.exec(server.app.outbox?.list()[0].text ?? '')?.[1] ?? '';
      await client.verifyCode(code);
      await client.post('/password/set', { password: 'short' });
      await client.post('/password/set', { password: 'a new password' });
      await client.post('/password/set', { password: 'a new password' });
      await client.post('/password/sign-in', { identifier: 'ada', password: 'wrong one' });
      await client.post('/password/sign-in', { identifier: 'ada', password: 'a new password' });
      await client.request('GET', '/api/auth/dev/outbox');
      await client.post('/code/verify', { code: 1 });
      await client.post('/sign-out', {}, { 'x-requested-with': undefined });
      const passkey = server.authenticator();
      await server.client().register(passkey, 'keyed');
      await server.client().signIn(passkey);
      await server.client().signIn(passkey, { badSignature: true });

      const support = server.client();
      await support.request('GET', '/api/auth/support/audit');
      await support.post('/password/sign-in', { identifier: 'support', password: 'support password' });
      await support.post('/support/lookup', { identifier: 'keyed' });
      await support.post('/support/lookup', { identifier: 'ghost' });
      const [credentialId] = passkey.credentials.keys();
      await support.post('/support/passkey/remove', { identifier: 'keyed', credentialId });
      await support.post('/support/passkey/remove', { identifier: 'keyed', credentialId });
      const issued = await support.post('/support/recovery-code', { identifier: 'keyed' });
      await support.request('GET', '/api/auth/support/audit?limit=0');
      const owner = server.client();
      await owner.post('/recovery/redeem', { identifier: 'keyed', code: 'ABCD-EFGH-JKMN' });
      await owner.post('/recovery/redeem', { identifier: 'keyed', code: issued.json.code });
      await owner.request('GET', '/api/auth/passkeys');
      await server.client().request('GET', '/api/auth/passkeys');
      await support.request('GET', '/api/auth/support/audit');

      const laptop = server.client();
      const asked = await laptop.post('/device/request', { identifier: 'keyed' });
      await laptop.request('GET', `/api/auth/device/request/${asked.json.id}`);
      await owner.post('/device/approval/lookup', { code: 'ZZZZ-ZZZZ' });
      await owner.post('/device/approval/lookup', { code: asked.json.code });
      await owner.post('/device/approval/decide', { code: asked.json.code, decision: 'approve' });
      await owner.post('/device/approval/decide', { code: asked.json.code, decision: 'approve' });
      await laptop.request('GET', `/api/auth/device/request/${asked.json.id}`);
      await laptop.request('GET', `/api/auth/device/request/${asked.json.id}`);
      await server.client().request('GET', `/api/auth/device/request/${asked.json.id}`);
      await server.client().post('/device/approval/lookup', { code: asked.json.code });
      assert.deepEqual(server.nonconforming, []);
    } finally {
      await server.close();
    }
  });
});
