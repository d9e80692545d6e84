/**
 * `light-dom`: each step's inputs become the element's own children, in a `<form>` of their own
 * slotted where the step shows them, because some password managers only fill and save what they
 * find in the document, not inside shadow roots. Loaded only by elements that ask for it.
 *
 * What makes them work there:
 * - the forms carry the same template as the shadow step (labels, `autocomplete` tokens, the
 *   hidden username next to a password), so autofill, conditional UI and saving see a classic form;
 * - ids get the element's own suffix: they live in the page's id space now, where a second
 *   element or the page itself may use `password`;
 * - submitting a light form submits the step's form in the shadow root, whose handler reads the
 *   values; a form is removed as soon as its step is left, which password managers read as a
 *   successful sign-in after a request (the moment they offer to save);
 * - the element's styles come along in `@scope`, adopted by the document (or shadow root) that
 *   holds the element: constructable sheets, nothing inline for a strict CSP.
 */
import { nothing, render, type CSSResultOrNative, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { stepsIfLoaded } from './load-steps.js';
import { setLight } from './views/step.js';
import { styles } from './views/styles.js';

/** Marks the forms; the scope of their styles. */
const MARK = 'data-passkey-login-fields';
/** Attributes that hold ids of other elements in the same form. */
const REFERENCES = ['id', 'for', 'aria-describedby', 'aria-controls'];

let elements = 0;
/** One sheet per set of styles: the entry's alone, then with the other steps' once they load. */
const sheets = new Map<CSSResultOrNative | undefined, CSSStyleSheet>();

function sheet(more: CSSResultOrNative | undefined): CSSStyleSheet {
  let made = sheets.get(more);
  if (!made) {
    made = new CSSStyleSheet();
    const text = [styles, more].map((part) => (part ? ('cssText' in part ? part.cssText : '') : '')).join('');
    // The form is laid out as the step it stands in: a column, spaced as groups are. Rules for
    // `:host` match nothing here; the custom properties they set reach the form through its slot.
    made.replaceSync(`@scope ([${MARK}]) {:scope{display:flex;flex-direction:column;gap:var(--_space);box-sizing:border-box}${text}}`);
    sheets.set(more, made);
  }
  return made;
}

class LightInputs implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #suffix = `-pl${++elements}`;
  /** What this render asked for, by name. */
  readonly #inputs = new Map<string, TemplateResult>();
  readonly #forms = new Map<string, HTMLFormElement>();

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  hostUpdate(): void {
    this.#inputs.clear();
    setLight(this.#inputs);
  }

  hostUpdated(): void {
    setLight();
    const host = this.#host;
    this.#adopt();
    for (const [name, content] of this.#inputs) {
      let form = this.#forms.get(name);
      if (!form) {
        form = document.createElement('form');
        form.noValidate = true;
        form.slot = `passkey-login-${name}`;
        form.setAttribute(MARK, '');
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          // Enter in a field, or the submit button inside: the step's own form decides.
          host.renderRoot.querySelector(`slot[name="passkey-login-${name}"]`)?.closest('form')?.requestSubmit();
        });
        this.#forms.set(name, form);
        host.append(form);
      }
      render(content, form, { host });
      this.#ownIds(form);
    }
    for (const [name, form] of this.#forms) {
      if (this.#inputs.has(name)) continue;
      render(nothing, form);
      form.remove();
      this.#forms.delete(name);
    }
  }

  hostDisconnected(): void {
    setLight();
  }

  /** Lit sets ids and references as the template says; each render, they get the suffix again. */
  #ownIds(form: HTMLFormElement): void {
    for (const element of form.querySelectorAll(REFERENCES.map((name) => `[${name}]`).join())) {
      for (const name of REFERENCES) {
        const value = element.getAttribute(name);
        if (!value) continue;
        const owned = value
          .split(/\s+/)
          .map((id) => (id.endsWith(this.#suffix) ? id : id + this.#suffix))
          .join(' ');
        if (owned !== value) element.setAttribute(name, owned);
      }
    }
  }

  /** The styles follow the element into whichever document or shadow root holds it. */
  #adopt(): void {
    const root = this.#host.getRootNode() as Document | ShadowRoot;
    if (!('adoptedStyleSheets' in root)) return;
    const wanted = sheet(stepsIfLoaded()?.fallbackStyles);
    const current = root.adoptedStyleSheets;
    if (current.includes(wanted)) return;
    const ours = new Set(sheets.values());
    root.adoptedStyleSheets = [...current.filter((other) => !ours.has(other)), wanted];
  }
}

/** Gives `host` its light-DOM inputs from its next render on. */
export function attach(host: ReactiveElement): void {
  host.addController(new LightInputs(host));
}
