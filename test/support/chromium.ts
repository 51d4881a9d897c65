import { existsSync } from "node:fs";

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_HINT = `Chromium not found at ${CHROMIUM_PATH}: install it (sudo apt-get install chromium) or set CHROMIUM_PATH; the browser tests (npm run test:e2e) need it.`;

/** The Chromium executable; throws with the install hint when it is missing (never a silent skip). */
export function chromiumPath(): string {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_HINT);
  return CHROMIUM_PATH;
}
