import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { GRAPHQL_RESPONSE_TYPE, errorBody } from "../errors.catalogue";

export const PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST";

export function documentHash(document: string): string {
  return createHash("sha256").update(document, "utf8").digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * The allow-list of trusted documents: sha256 (hex) of each operation's exact text. Read from a JSON file
 * in one of three shapes: an array of hashes; an object hash → document (graphql-codegen's
 * persisted-documents.json); or Apollo's persisted query manifest ({ operations: [{ id, body }] }).
 * Where documents are given, their hashes are checked, and clients may send only the hash.
 */
export class TrustedDocuments {
  private constructor(private readonly documents: Map<string, string | null>) {}

  static fromFile(file: string): TrustedDocuments {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(
        `TRUSTED_DOCUMENTS_FILE ${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return TrustedDocuments.from(parsed, file);
  }

  /** Several allow-lists as one (e.g. the configured file and the web app's manifest). */
  static fromFiles(files: string[]): TrustedDocuments {
    const documents = new Map<string, string | null>();
    for (const file of files) {
      for (const [hash, body] of TrustedDocuments.fromFile(file).documents) {
        if (body !== null || !documents.has(hash)) documents.set(hash, body);
      }
    }
    return new TrustedDocuments(documents);
  }

  static from(value: unknown, origin = "trusted documents"): TrustedDocuments {
    const documents = new Map<string, string | null>();
    const add = (hash: unknown, body: unknown): void => {
      const key = typeof hash === "string" ? hash.replace(/^sha256:/, "").toLowerCase() : "";
      if (!HASH.test(key)) throw new Error(`${origin}: ${JSON.stringify(hash)} is not a sha256 hex hash.`);
      if (body !== null && typeof body !== "string")
        throw new Error(`${origin}: the document of ${key} is not text.`);
      if (typeof body === "string" && documentHash(body) !== key) {
        throw new Error(`${origin}: the document listed under ${key} has another sha256 hash.`);
      }
      documents.set(key, body);
    };
    if (Array.isArray(value)) {
      for (const hash of value) add(hash, null);
    } else if (isRecord(value) && Array.isArray(value.operations)) {
      for (const op of value.operations) add(isRecord(op) ? op.id : null, isRecord(op) ? op.body : null);
    } else if (isRecord(value)) {
      for (const [hash, body] of Object.entries(value)) add(hash, body);
    } else {
      throw new Error(`${origin}: expected an array of hashes or an object of hash → document.`);
    }
    return new TrustedDocuments(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  has(hash: string): boolean {
    return this.documents.has(hash);
  }

  body(hash: string): string | undefined {
    return this.documents.get(hash) ?? undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The hash a request names: `documentId` ("sha256:<hex>" or hex) or the APQ extension. */
function namedHash(source: Record<string, unknown>): string | undefined {
  if (typeof source.documentId === "string") return source.documentId.replace(/^sha256:/, "").toLowerCase();
  let extensions = source.extensions;
  if (typeof extensions === "string") {
    try {
      extensions = JSON.parse(extensions) as unknown;
    } catch {
      return undefined;
    }
  }
  const persisted = isRecord(extensions) ? extensions.persistedQuery : undefined;
  return isRecord(persisted) && typeof persisted.sha256Hash === "string" ? persisted.sha256Hash : undefined;
}

/**
 * Trusted-documents mode, in front of Apollo so that unknown documents are refused before they are even
 * parsed: only operations whose text hashes to an entry of the allow-list run; a request may also send
 * just the hash (POST with `documentId`, or the APQ extension) of a listed document. Anything else: 400
 * PERSISTED_QUERY_NOT_IN_LIST.
 */
export function trustedDocumentsMiddleware(trusted: TrustedDocuments) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const source: unknown = req.method === "GET" ? req.query : req.body;
    if (!isRecord(source)) {
      refuse(res, "Send one operation per request in trusted-documents mode.");
      return;
    }
    const query = source.query;
    if (typeof query === "string" && query.length > 0) {
      if (trusted.has(documentHash(query))) {
        next();
        return;
      }
      refuse(res, "This operation is not in the list of trusted documents.");
      return;
    }
    const hash = namedHash(source);
    const body = hash ? trusted.body(hash) : undefined;
    if (hash && body && req.method === "POST" && isRecord(req.body)) {
      // Hash-only POST for a listed document: run the listed text (Apollo re-checks an APQ hash against it).
      req.body.query = body;
      delete req.body.documentId;
      next();
      return;
    }
    refuse(
      res,
      hash && body
        ? "Send the document text (or POST its hash) in trusted-documents mode."
        : "This operation is not in the list of trusted documents.",
    );
  };
}

function refuse(res: Response, message: string): void {
  res
    .status(400)
    .type(GRAPHQL_RESPONSE_TYPE)
    .send(JSON.stringify(errorBody(PERSISTED_QUERY_NOT_IN_LIST, message)));
}
