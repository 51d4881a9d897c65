import { chromiumPath } from "../support/chromium";
import globalSetup from "./global-setup";

/** The browser layer: Chromium must be there (else fail with the install hint), then the database. */
export default async function e2eSetup(): Promise<void> {
  chromiumPath();
  await globalSetup();
}
