import type * as Steps from './steps.js';

export type StepsModule = typeof Steps;

let loading: Promise<StepsModule> | undefined;
let loaded: StepsModule | undefined;

/** Loads the steps chunk once per page; a failed load (offline) may be tried again. */
export function loadSteps(): Promise<StepsModule> {
  loading ??= import('./steps.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The steps chunk if it has loaded, so a click handler can use it without awaiting. */
export const stepsIfLoaded = (): StepsModule | undefined => loaded;
