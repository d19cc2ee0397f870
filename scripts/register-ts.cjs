/**
 * `node --require ./scripts/register-ts.cjs <file.ts>`: what `node --require tsx/cjs` does (the repo's
 * TypeScript compiled on load, tsx's resolution), with installed packages left to Node.js's own loader.
 *
 * tsx's CommonJS hook reads every `.js` file the process loads and, when its text contains "import" or
 * "export" (as every CommonJS file assigning `exports.` does), runs an ES module lexer over it to decide
 * whether to compile it. A synth loads about 460 such files from cdktf, the provider and the tools, all
 * CommonJS: 150-200 ms of CPU per synth for no change (the synth output is byte-identical either way).
 *
 * A package's `.js` file is therefore loaded by Node.js first. One that is an ES module (Node.js refuses
 * it with ERR_REQUIRE_ESM before running any of it, on versions without require of ES modules) goes
 * through tsx as before. Files outside node_modules (the repo's own, generated validators included)
 * always go through tsx.
 */
'use strict';
const Module = require('node:module');
const { sep } = require('node:path');

const nodeJs = Module._extensions['.js'];
require('tsx/cjs');
const tsxJs = Module._extensions['.js'];
const INSTALLED = `${sep}node_modules${sep}`;

Module._extensions['.js'] = function loadJs(module, filename) {
  if (!filename.includes(INSTALLED)) return tsxJs.call(this, module, filename);
  try {
    return nodeJs.call(this, module, filename);
  } catch (error) {
    if (error && error.code === 'ERR_REQUIRE_ESM') return tsxJs.call(this, module, filename);
    throw error;
  }
};
