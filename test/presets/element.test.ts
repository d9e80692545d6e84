/**
 * A named preset in the element, with msw answering as better-auth does: its file loads in its
 * own time, and nothing the element set up before it arrived may be lost.
 */
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.js';
import { loadSteps } from '../../src/load-steps.js';
import { fixtures } from '../mocks/backend.js';
import { elementTests, given, operations, ready } from '../support/element.js';

elementTests();

describe('a named preset in the element', () => {
  it('the other ways in stay on offer when the steps file is in before the preset’s file', async () => {
    // As on a page where the steps file is cached and the preset's is not: the element hands
    // the flow its methods before the preset's file has arrived, and the flow starts after it.
    await loadSteps();
    await given({}, {}, [
      http.get('/api/auth/passkey/generate-authenticate-options', () => HttpResponse.json(fixtures.requestOptions)),
    ]);
    const harness = await ready(html`<passkey-login preset="better-auth" methods="passkey email-code password"></passkey-login>`);
    expect(harness.buttonLabels()).to.include('Other ways to sign in');
    // The first request was the preset backend's, not the contract's default route.
    expect(operations()).not.to.include('authenticationOptions');
  });
});
