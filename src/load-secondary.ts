import type * as Secondary from './secondary.js';

export type SecondaryModule = typeof Secondary;

let loading: Promise<SecondaryModule> | undefined;
let loaded: SecondaryModule | undefined;

/** Loads the secondary chunk once per page; a failed load (offline) may be tried again. */
export function loadSecondary(): Promise<SecondaryModule> {
  loading ??= import('./secondary.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The secondary chunk if it has loaded, so a click handler can use it without awaiting. */
export const secondaryIfLoaded = (): SecondaryModule | undefined => loaded;
