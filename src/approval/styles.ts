import { css } from 'lit';

/**
 * What the approval steps add to the sign-in element's styles (its tokens, buttons, fields and
 * notices apply as they are). Logical properties only, so RTL mirrors.
 */
export const approvalStyles = css`
  .details {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }
  .details > div {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.75rem;
  }
  .details dt {
    min-inline-size: 5.5rem;
    color: var(--_muted);
  }
  .details dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  /*
   * Deny and Approve side by side in two equal columns: the same size whatever the labels say
   * in any language, so neither reads as the expected answer.
   */
  .decision {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.5rem;
  }
  @media (forced-colors: active) {
    .details {
      border: 1px solid CanvasText;
    }
  }
`;
