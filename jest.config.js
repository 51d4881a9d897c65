/**
 * Three test layers, one jest project each (run one with `npm run test:<name>`, all with `npm test`):
 * - unit: no Neo4j, no network; pure modules (domain, projections, parsers). Seconds.
 * - integration: through HTTP or the driver against a real Neo4j: globalSetup starts one per jest
 *   worker (decision record 0056), so files running at the same time never share a graph; every test
 *   makes and owns its own data (unique ids) on top of the read-only factual seed.
 * - e2e: browser tests (Chromium via playwright-core) against a started server; a missing Chromium
 *   fails with the install hint. Same workers and databases as integration.
 * New files are picked up by folder: test/unit, test/integration, test/e2e.
 */

// SWC transpiles only (fast); `npm test` runs `tsc --noEmit` first for the type check.
const transform = {
  "^.+\\.ts$": [
    "@swc/jest",
    {
      jsc: {
        target: "es2022",
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: "commonjs" },
    },
  ],
  // jose ships ESM only; Jest (unlike Node 20.19+) cannot require it untransformed.
  "node_modules/jose/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
};

const shared = {
  testEnvironment: "node",
  setupFiles: ["reflect-metadata"],
  transform,
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
};

/** The projects on Neo4j: one database per worker, NEO4J_URI set before any test module loads. */
const withDatabase = {
  ...shared,
  setupFiles: ["reflect-metadata", "<rootDir>/test/setup/worker-database.ts"],
  globalTeardown: "<rootDir>/test/setup/global-teardown.ts",
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/test/unit"],
      testMatch: ["**/*.test.ts"],
    },
    {
      ...withDatabase,
      displayName: "integration",
      roots: ["<rootDir>/test/integration"],
      testMatch: ["**/*.test.ts"],
      globalSetup: "<rootDir>/test/setup/global-setup.ts",
    },
    {
      ...withDatabase,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e"],
      testMatch: ["**/*.test.ts"],
      globalSetup: "<rootDir>/test/setup/e2e-setup.ts",
    },
  ],
};
