/**
 * The tool's errors are defined in src/core/errors.ts (pure, so the core may throw them); the
 * layers outside the core import them from here.
 */
export * from './core/errors.js';
