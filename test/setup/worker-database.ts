import { workerUriVariable } from "./test-databases";

/**
 * Runs in every test file of the integration and e2e projects before any test module loads: points
 * NEO4J_URI at this jest worker's own database (global setup started one per worker), so that the
 * test support, servers started in-process and child processes given `process.env` all use it.
 * JEST_WORKER_ID is 1-based and "1" when jest runs in band.
 */
const worker = process.env.JEST_WORKER_ID ?? "1";
const own = process.env[workerUriVariable(worker)];
if (own) process.env.NEO4J_URI = own;
else if (!process.env.NEO4J_TEST_URI)
  throw new Error(
    `No test database for jest worker ${worker} (${workerUriVariable(worker)} is not set): the jest global setup did not run or started fewer databases than workers`,
  );
