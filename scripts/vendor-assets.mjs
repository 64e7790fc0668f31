#!/usr/bin/env node
// Copies the browser bundles the worker serves as static assets (wrangler.toml `[assets]`) out of
// node_modules into public/vendor/ (git-ignored): Scalar's API reference for /docs and uPlot for /status.
// File names carry the version pinned in package.json, so a deploy with a new version is a new URL and
// the old one can be cached forever (public/_headers). Run by `npm install` (postinstall), before
// dev/test/deploy, and by vitest.config.ts. Plain Node ESM, no dependencies.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VENDOR_DIR = join(ROOT, 'public', 'vendor');

/** Package → files to copy (path inside the package → served name; `{v}` is the pinned version). */
const BUNDLES = {
  '@scalar/api-reference': { 'dist/browser/standalone.js': 'scalar-api-reference-{v}.js' },
  uplot: { 'dist/uPlot.iife.min.js': 'uplot-{v}.min.js', 'dist/uPlot.min.css': 'uplot-{v}.min.css' },
};

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Copies every bundle; throws when a package is missing or its installed version is not the pinned one. */
export function vendorAssets() {
  const pinned = readJson(join(ROOT, 'package.json')).dependencies;
  const wanted = new Set();
  mkdirSync(VENDOR_DIR, { recursive: true });
  for (const [pkg, files] of Object.entries(BUNDLES)) {
    const version = pinned[pkg];
    // An exact pin: the served file name is the version, so a range would name a file after a guess.
    if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
      throw new Error(`package.json must pin ${pkg} exactly (found ${version})`);
    const dir = join(ROOT, 'node_modules', pkg);
    if (!existsSync(join(dir, 'package.json'))) throw new Error(`${pkg} is not installed: run npm install`);
    const installed = readJson(join(dir, 'package.json')).version;
    if (installed !== version) throw new Error(`${pkg} ${installed} is installed but package.json pins ${version}`);
    for (const [from, to] of Object.entries(files)) {
      const name = to.replace('{v}', version);
      copyFileSync(join(dir, from), join(VENDOR_DIR, name));
      wanted.add(name);
    }
  }
  // Older versions' copies would be served (and uploaded) for nothing.
  for (const name of readdirSync(VENDOR_DIR)) if (!wanted.has(name)) rmSync(join(VENDOR_DIR, name));
  return [...wanted];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const names = vendorAssets();
    console.log(`[vendor-assets] public/vendor: ${names.join(', ')}`);
  } catch (err) {
    console.error(`[vendor-assets] ${err.message}`);
    process.exit(1);
  }
}
