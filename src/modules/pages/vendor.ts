import pkg from '../../../package.json';

/**
 * The browser bundles served as static assets (public/vendor/, copied by scripts/vendor-assets.mjs):
 * their names carry the version pinned in package.json, so the pages and the files always agree and
 * each file can be cached forever (public/_headers).
 */
export const VENDOR = {
  scalar: `/vendor/scalar-api-reference-${pkg.dependencies['@scalar/api-reference']}.js`,
  uplotScript: `/vendor/uplot-${pkg.dependencies.uplot}.min.js`,
  uplotStyle: `/vendor/uplot-${pkg.dependencies.uplot}.min.css`,
} as const;
