/** Jest projects: fast unit tests, the deploy rehearsal (Terraform), and integration (local or AWS). */
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/lambdas/*/test/**/*.test.ts', '<rootDir>/stacks/*/test/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
      // One store of whole-app synths per run, shared by the files (and workers) synthesizing the same config.
      globalSetup: '<rootDir>/test/unit/support/synth-cache-setup.ts', globalTeardown: '<rootDir>/test/unit/support/synth-cache-teardown.ts' },
    { ...common, displayName: 'rehearsal', testMatch: ['<rootDir>/test/rehearsal/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'] },
    // Integration: global setup starts the local environment (or checks the AWS outputs file); see test/integration/support.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], globalSetup: '<rootDir>/test/integration/support/global-setup.ts', globalTeardown: '<rootDir>/test/integration/support/global-teardown.ts', testTimeout: 60000 },
  ],
};
