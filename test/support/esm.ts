import { pathToFileURL } from 'node:url';

/**
 * Loads an ES-module-only package from CommonJS tests. TypeScript compiles `import()` to `require()`
 * under `module: commonjs`, so the import is kept out of its sight; the package is resolved to a
 * file URL first, so the import needs no knowledge of where it was called from.
 */
export function importEsm<T>(specifier: string): Promise<T> {
  const url = pathToFileURL(require.resolve(specifier)).href;
  return (new Function('url', 'return import(url)') as (url: string) => Promise<T>)(url);
}
