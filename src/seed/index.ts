/** The seed module's public face: what `npm start` and tests use. */
export {
  isGraphEmpty,
  loadDemoDataIfEmpty,
  loadSeed,
  seedDirectory,
  type LoadOptions,
  type SeedReport,
} from "./seed.loader";
export { validateSeedDir, validateSeedFiles } from "./seed.validate";
export { readSeedFiles, DEFAULT_SEED_DIR, type SeedFiles } from "./seed.files";
export { SeedValidationError, formatIssue, type SeedIssue } from "./seed.issues";
export type { SeedData } from "./seed.schema";
export { formatReport, totalCreated, type WriteReport } from "./batch.writer";
