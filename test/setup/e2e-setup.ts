import { chromiumPath } from "../support/chromium";
import globalSetup from "./global-setup";

/** The browser layer: Chromium must be there (else fail with the install hint), then the databases. */
export default async function e2eSetup(...args: Parameters<typeof globalSetup>): Promise<void> {
  chromiumPath();
  await globalSetup(...args);
}
