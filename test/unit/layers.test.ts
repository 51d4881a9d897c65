import { execFile } from "node:child_process";
import path from "node:path";

/**
 * The layer rule of eslint.config.mjs, applied to snippets placed in the layers: an import against the
 * direction server → features → graph → domain → db, an import of the seed loader, and Cypher in a
 * resolver are errors; the allowed direction is not.
 */
// The ESLint CLI in a child process: its flat config is ESM, which Jest's CommonJS runtime cannot load.
const ESLINT = path.join(__dirname, "../../node_modules/eslint/bin/eslint.js");

function problems(file: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [ESLINT, "--format", "json", "--stdin", "--stdin-filename", file],
      { cwd: path.join(__dirname, "../.."), timeout: 30_000 },
      (error, stdout) => {
        try {
          const [result] = JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[];
          resolve((result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`));
        } catch {
          reject(error ?? new Error(`eslint gave no JSON: ${stdout.slice(0, 200)}`));
        }
      },
    );
    child.stdin?.end(code);
  });
}

describe("the layer rule", () => {
  it.each([
    [
      "src/graph/topic/x.ts",
      'import { a } from "../../features/activity/activity.repository";\nexport const b = a;\n',
    ],
    ["src/domain/x.ts", 'import { a } from "../graph/relations";\nexport const b = a;\n'],
    ["src/db/x.ts", 'import { a } from "../domain";\nexport const b = a;\n'],
    ["src/features/network/x.ts", 'import { a } from "../../seed/synthetic";\nexport const b = a;\n'],
    ["src/server/x.ts", 'import { a } from "../seed";\nexport const b = a;\n'],
  ])("refuses %s importing against the layers", async (file, code) => {
    expect((await problems(file, code)).join("\n")).toMatch(/no-restricted-imports: .*Layers point one way/);
  });

  it("allows the direction of the layers", async () => {
    const code =
      'import { a } from "../../domain";\nimport { b } from "../../graph/relations";\nexport const c = [a, b];\n';
    expect(await problems("src/features/network/x.ts", code)).toEqual([]);
  });

  it("refuses Cypher in a resolver", async () => {
    const code = 'export const q = "MATCH (n:Topic) RETURN n";\n';
    expect((await problems("src/graph/topic/x.resolver.ts", code)).join("\n")).toMatch(
      /no-restricted-syntax/,
    );
    expect(await problems("src/graph/topic/x.repository.ts", code)).toEqual([]);
  });
});
