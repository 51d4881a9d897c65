import { takeLocalTestNeo4js } from "./test-databases";

/** Stops every database global setup started (none with NEO4J_TEST_URI). */
export default async function globalTeardown(): Promise<void> {
  await Promise.all(takeLocalTestNeo4js().map((instance) => instance.stop()));
}
