/**
 * What every step of both elements is made of: a heading that takes focus when the step
 * changes, and the wait with its spinner. Imports no view of either element.
 */
import { html, nothing, type TemplateResult } from 'lit';

let level = 2;

/**
 * The element's `heading-level` for the steps rendered next: set by the element right before it
 * renders (rendering is synchronous, so elements with different levels never mix).
 */
export const setHeadingLevel = (value: number) => {
  level = value;
};

/**
 * Each step's heading, at the element's `heading-level`; it takes focus when the step changes, so
 * screen readers announce it. (A heading role with its level, rather than one template per `h1`
 * to `h6`: the same in the accessibility tree.)
 */
export const heading = (content: string, focus = true): TemplateResult =>
  html`<div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1" ?data-focus=${focus}>${content}</div>`;

const spinner = html`<span part="spinner" class="spinner" aria-hidden="true"></span>`;

/** A step that waits on the browser or the server; `action` is its way out (a Cancel), if any. */
export function progress(title: string, body: string | undefined, action?: TemplateResult): TemplateResult {
  return html`
    <div part="progress" class="stack" aria-busy="true">
      ${heading(title)} ${body ? html`<p part="body">${body}</p>` : nothing} ${spinner} ${action ?? nothing}
    </div>
  `;
}
