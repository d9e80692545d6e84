// Generates custom-elements.json from the element's JSDoc (the single source of truth for the
// public API). `npm test` regenerates it and fails when the committed file differs.
export default {
  globs: [
    'src/passkey-login.ts',
    'src/events.ts',
    'src/define.ts',
    'src/approval/passkey-login-approval.ts',
    'src/approval/events.ts',
    'src/approval/define.ts',
  ],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  packagejson: false,
};
