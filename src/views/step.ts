/**
 * What every step of both elements is made of: a heading that takes focus when the step
 * changes, the wait with its spinner, and where a step's inputs go. Imports no view of either
 * element.
 */
import { html, nothing, type TemplateResult } from 'lit';

let level = 2;
let step = '';

/**
 * The step rendered next and the element's `heading-level`: set by the element right before it
 * renders (rendering is synchronous, so elements never mix theirs).
 */
export const setStep = (name: string, headingLevel = 2) => {
  step = name;
  level = headingLevel;
};

/**
 * Each step's heading, at the element's `heading-level`; it takes focus when the step changes, so
 * screen readers announce it. (A heading role with its level, rather than one template per `h1`
 * to `h6`: the same in the accessibility tree.) Its words are the fallback of the step's
 * `heading-<step>` slot, so a site can say them its own way; the heading's name is computed over
 * the flat tree, slotted words included.
 */
export const heading = (content: string, focus = true): TemplateResult =>
  html`<div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1" ?data-focus=${focus}><slot name="heading-${step}">${content}</slot></div>`;

/** The inputs of the render under way, by name, for an element with `light-dom`; otherwise none. */
let light: Map<string, TemplateResult> | undefined;

/** Set by `light-dom`'s controller around its element's render, which is synchronous. */
export const setLight = (inputs?: Map<string, TemplateResult>) => {
  light = inputs;
};

/**
 * A step's inputs (with their submit button, if any): in the step itself, or with `light-dom` in
 * a form among the element's own children, slotted here, for password managers that do not look
 * into shadow roots. Submitting that form submits the step's.
 */
export const fields = (name: string, content: TemplateResult): TemplateResult =>
  light ? (light.set(name, content), html`<slot name="passkey-login-${name}"></slot>`) : content;

const spinner = html`<span part="spinner" class="spinner" aria-hidden="true"></span>`;

/** A step that waits on the browser or the server; `action` is its way out (a Cancel), if any. */
export function progress(title: string, body: string | undefined, action?: TemplateResult): TemplateResult {
  return html`
    <div part="progress" class="stack" aria-busy="true">
      ${heading(title)} ${body ? html`<p part="body">${body}</p>` : nothing} ${spinner} ${action ?? nothing}
    </div>
  `;
}
