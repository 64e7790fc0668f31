// `readable-stream` is a userland copy of Node's streams that the Square SDK `require`s only to upload
// files as multipart bodies, which this worker never does. With nodejs_compat the runtime has the real
// `node:stream`, so wrangler.toml's [alias] points the package here: 28 KiB less gzip to upload and parse.
// JavaScript, not TypeScript: the project has no Node type definitions, and nothing imports this by name.
export * from 'node:stream';
export { default } from 'node:stream';
