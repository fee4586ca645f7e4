/**
 * Source of `dist/aftercare.min.js`: one self-contained module for pages without a
 * bundler. Registers every element and exports the core API.
 */
export * from '../src/index.js';
export * from './index.js';
