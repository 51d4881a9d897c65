import { rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const local = (globalThis as { __LOCAL_NEO4J__?: { stop: () => Promise<void>; dataDir: string } })
    .__LOCAL_NEO4J__;
  if (!local) return;
  await local.stop();
  rmSync(local.dataDir, { recursive: true, force: true });
}
