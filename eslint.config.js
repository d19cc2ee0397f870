// Flat ESLint config: typescript-eslint's recommended rules, strict about `any`.
const tseslint = require('typescript-eslint');
const js = require('@eslint/js');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', '**/node_modules/**', 'cdktf.out/**', '.build/**', '.gen/**', '.rehearsal/**', '.local/**', 'coverage/**', 'test/fixtures/compile-errors/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Packages import each other by the name their package.json declares, never by path into another
    // package's files (the tests may reach into the package they test).
    files: ['packages/**/*.ts', 'stacks/**/*.ts', 'lambdas/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mts', 'tap.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['../../../*', '../../*/src', '../../*/src/**', '**/packages/*/src', '**/packages/*/src/**', '**/stacks/*/src', '**/stacks/*/src/**', '**/lambdas/*/src', '**/lambdas/*/src/**', '**/tap', '**/tap.ts'],
          message: "import the workspace package by its name (declared in this package.json), not another package's files by path",
        }],
      }],
    },
  },
);
