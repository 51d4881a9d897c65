import { rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const local = (globalThis as { __LOCAL_NEO4J__?: { stop: () => Promise<void>; dataDir: string } })
    .__LOCAL_NEO4J__;
  if (!local) return;
  // Each project's teardown runs at the end of the run: the first one stops the shared database.
  delete (globalThis as { __LOCAL_NEO4J__?: unknown }).__LOCAL_NEO4J__;
  await local.stop();
  rmSync(local.dataDir, { recursive: true, force: true });
}
