import { resolve } from 'node:path';

/** The repository root, found from this file's place in the workspace (packages/synth/src). */
export const REPO_ROOT = resolve(__dirname, '../../..');
