/**
 * mimetext's browser build (src/modules/emails/mime.ts) is compiled with @babel/runtime-corejs3, whose
 * helpers bring core-js's polyfills of Symbol and String#trim (≈ 40 KB minified, ≈ 17 KiB gzip of the
 * upload) into a runtime that has both. wrangler.toml's [alias] points the two helpers it imports here and
 * to ./babel-trim.ts. This is Babel's `defineProperty` helper as @babel/runtime (no core-js) has it.
 */
export default function defineProperty<T extends object>(object: T, key: PropertyKey, value: unknown): T {
  const property = typeof key === 'symbol' ? key : String(key);
  if (property in object) {
    Object.defineProperty(object, property, { value, enumerable: true, configurable: true, writable: true });
  } else {
    (object as Record<PropertyKey, unknown>)[property] = value;
  }
  return object;
}
