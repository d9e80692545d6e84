import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import 'passkey-login/define';
import { PasskeyLoginSuccessEvent, type PasskeyLogin, type User } from 'passkey-login';
import { adapter, answered, demoFetch, endpoints } from './backend.js';

type Route = { name: 'sign-in' } | { name: 'account'; user: User; source: string };

@Component({
  selector: 'app-root',
  // <passkey-login> is a custom element: Angular binds [endpoints], [fetch] and [adapter] to its
  // DOM properties and listens for its events by their own names.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    @let current = route();
    @if (current.name === 'account') {
      <main>
        <h1 id="account">Welcome, {{ current.user.displayName ?? current.user.name }}</h1>
        <p>Signed in by <span id="source">{{ current.source }}</span>.</p>
        <p>Answers through the adapter: <span id="answered">{{ answered.join(' ') }}</span></p>
        <button type="button" (click)="route.set({ name: 'sign-in' })">Back to sign-in</button>
      </main>
    } @else {
      <main>
        <h1>Sign in to the Angular demo</h1>
        <passkey-login
          methods="passkey"
          [endpoints]="endpoints"
          [fetch]="fetch"
          [adapter]="adapter"
          (passkey-login-success)="onSuccess($event)"
        ></passkey-login>
      </main>
    }
  `,
})
export class App {
  protected readonly route = signal<Route>({ name: 'sign-in' });
  protected readonly answered = answered;
  // Typed as the element's own properties: Angular does not type-check bindings on custom elements.
  protected readonly endpoints: PasskeyLogin['endpoints'] = endpoints;
  protected readonly fetch: PasskeyLogin['fetch'] = demoFetch;
  protected readonly adapter: PasskeyLogin['adapter'] = adapter;

  /** Angular types a custom element's event as `Event`: the class check narrows it. */
  protected onSuccess(event: Event) {
    if (!(event instanceof PasskeyLoginSuccessEvent)) return;
    event.preventDefault(); // the app routes itself instead of following a redirect
    this.route.set({ name: 'account', user: event.detail.user, source: event.detail.source });
  }
}
