/** Files bundled as text by esbuild (scripts/bundles.mjs, the web build). */
declare module '*.css' {
  const text: string;
  export default text;
}
