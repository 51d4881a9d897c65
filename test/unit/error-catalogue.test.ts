import { readFileSync } from "node:fs";
import path from "node:path";
import { ERROR_CATALOGUE } from "../../src/errors.catalogue";

/** The README's table of error codes is the contract: it must list every code with its HTTP status. */
describe("README error codes", () => {
  const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (yes|no) \|/gm)].map((m) => [
      m[1],
      { status: Number(m[2]), retry: m[3] },
    ]),
  );

  it.each(Object.entries(ERROR_CATALOGUE))("lists %s with its status and retry advice", (code, spec) => {
    expect(rows.get(code)).toEqual({ status: spec.status, retry: spec.retryable ? "yes" : "no" });
  });

  it("lists no code the service does not send", () => {
    expect([...rows.keys()].filter((code) => !Object.hasOwn(ERROR_CATALOGUE, code ?? ""))).toEqual([]);
  });
});
