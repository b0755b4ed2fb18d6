export { defineConfig } from './config/define-config.js';
export type { ResolvedConfig, UserConfig } from './config/schema.js';
