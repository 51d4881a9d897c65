import path from "node:path";

/** The repository root, whether running from src/ (ts) or dist/src/ (compiled). */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  __dirname.split(path.sep).includes("dist") ? "../.." : "..",
);

export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
