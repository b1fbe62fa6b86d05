// Injected into the browser bundles (scripts/bundles.mjs): the one Buffer of the web build.
export { Buffer } from 'buffer';
