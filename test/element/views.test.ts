import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { initial, transition } from '../../src/machine/transition.js';
import type { Snapshot } from '../../src/machine/types.js';
import { renderState, type Handlers } from '../../src/views/templates.js';

const noop = () => {};
const handlers: Handlers = {
  input: noop, interact: noop, submit: noop, signIn: noop, send: noop, listed: () => true,
};

function signedIn(): Snapshot {
  const start = initial().snapshot;
  return transition(start, { type: 'session-found', result: { user: { id: 'u', name: 'ada' } } }).snapshot;
}

describe('views: when the steps chunk cannot load', () => {
  it('a state that needs it says so and offers to try again, instead of spinning forever', () => {
    const container = document.createElement('div');
    let retried = 0;
    render(renderState(signedIn(), handlers, undefined, () => (retried += 1)), container);
    expect(container.textContent).to.include("Part of the sign-in form couldn't load");
    container.querySelector('button')!.click();
    expect(retried).to.equal(1);
  });

  it('while it is still loading, the same state shows a short progress step', () => {
    const container = document.createElement('div');
    render(renderState(signedIn(), handlers, undefined), container);
    expect(container.querySelector('[part~="progress"]')).not.to.equal(null);
  });

  it('the identifier form never depends on it', () => {
    const container = document.createElement('div');
    render(renderState(initial().snapshot, handlers, undefined, noop), container);
    expect(container.querySelector('input')?.autocomplete).to.equal('username webauthn');
    expect(container.textContent).not.to.include("couldn't load");
  });
});
