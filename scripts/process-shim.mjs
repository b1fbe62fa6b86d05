// Injected into the browser bundles (scripts/bundles.mjs): the little of Node's `process` that bundled
// code reads. path-browserify resolves a relative path against process.cwd() (the web's paths are
// all absolute, so "/" is never reached in practice), and recheck reads its backend from process.env.
export const process = { env: {}, cwd: () => '/' };
