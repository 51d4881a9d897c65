import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { GraphQLError } from "graphql";
import { z } from "zod";
import { Context } from "../../context";
import type { Database } from "../../db/database";
import { ErrorCode, badInput } from "../../errors";
import { Scope } from "../../graph/common/enums";
import { NearInput, PlaceInput } from "../../graph/place/place.input";
import { NETWORK_LIMITS, NetworkExportFormat, NetworkFilter, NetworkProjection } from "./network.args";
import { EXPORT_SPECS, exportFilename, writeNetwork } from "./network.export";
import { NetworkService } from "./network.service";

/**
 * GET /export/network.<gexf|graphml|csv|json>?projection=shared-initiatives&topic=…&province=…
 * The same network as the GraphQL `network` field, streamed as a file with a download name.
 * Bad parameters are a 400 with a code, like every other client error of the API.
 */

const FILE = /^network\.(gexf|graphml|csv|json)$/;
const FORMAT_BY_EXTENSION: Record<string, NetworkExportFormat> = {
  gexf: NetworkExportFormat.GEXF,
  graphml: NetworkExportFormat.GRAPHML,
  json: NetworkExportFormat.JSON,
};
const CHUNK_BYTES = 64 * 1024;

// Only the syntax of a query string here: the rules (lengths, ranges) are the GraphQL input classes
// run by NetworkService through checkArgs, so that /export and /graphql refuse the same values.
const text = z.string().trim().min(1);
const flag = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");
const int = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform((v) => Number(v));
/** `kind=a&kind=b` or `kind=a,b`. */
const list = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean),
);

const QUERY = z
  .object({
    projection: z
      .string({ error: `is required: one of ${Object.values(NetworkProjection).join(", ")}` })
      .transform((v) => v.toUpperCase().replaceAll("-", "_"))
      .pipe(
        z.enum(NetworkProjection, { error: `must be one of ${Object.values(NetworkProjection).join(", ")}` }),
      ),
    topic: text.optional(),
    includeSubtopics: flag.optional(),
    condition: text.optional(),
    kind: list.optional(),
    scope: list.pipe(z.array(z.enum(Scope, { error: "must be NATIONAL, REGIONAL or LOCAL" }))).optional(),
    municipality: text.optional(),
    province: text.optional(),
    near: z
      .string()
      .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$/, "must be lat,lon,radiusKm (e.g. 51.69,5.30,25)")
      .transform((v) => v.split(",").map(Number) as [number, number, number])
      .optional(),
    includeInactive: flag.optional(),
    includeIsolated: flag.optional(),
    maxGroupSize: int.optional(),
    maxNodes: int.optional(),
    part: z.enum(["nodes", "edges"], { error: "must be nodes or edges" }).optional(),
  })
  .strict();

type Query = z.infer<typeof QUERY>;

function parseQuery(query: unknown): Query {
  const parsed = QUERY.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    throw badInput(
      `unknown query parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}; known: ${Object.keys(QUERY.shape).join(", ")}.`,
      issue.keys[0],
    );
  }
  const argument = String(issue?.path[0] ?? "query");
  throw badInput(`${argument} ${issue?.message ?? "is invalid"}.`, argument);
}

/** The query as the GraphQL input objects, so that NetworkService checks both with the same rules. */
function toFilter(q: Query): NetworkFilter {
  return Object.assign(new NetworkFilter(), {
    topic: q.topic ?? null,
    includeSubtopics: q.includeSubtopics ?? true,
    condition: q.condition ?? null,
    kinds: q.kind ?? null,
    scopes: q.scope ?? null,
    place:
      q.municipality || q.province || q.near
        ? Object.assign(new PlaceInput(), {
            municipality: q.municipality ?? null,
            province: q.province ?? null,
            near: q.near
              ? Object.assign(new NearInput(), { lat: q.near[0], lon: q.near[1], radiusKm: q.near[2] })
              : null,
          })
        : null,
    includeInactive: q.includeInactive ?? false,
    includeIsolated: q.includeIsolated ?? false,
    maxGroupSize: q.maxGroupSize ?? null,
  });
}

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 504,
};

/** Writes the chunks in ~64 KB pieces, waiting for the socket when it is full; stops if the client leaves. */
async function stream(res: Response, first: string, rest: Iterator<string>): Promise<void> {
  let buffer = first;
  for (let next = rest.next(); !next.done; next = rest.next()) {
    buffer += next.value;
    if (buffer.length < CHUNK_BYTES) continue;
    if (res.destroyed) return;
    const ok = res.write(buffer);
    buffer = "";
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (!res.destroyed) res.end(buffer);
}

/** @param contextOf the request's context made by the server's guard (caller, counted round trips) */
export function networkExportRouter(
  database: Database,
  contextOf?: (res: Response) => Context | undefined,
): Router {
  const router = express.Router();
  router.get("/:file", async (req: Request, res: Response, next: NextFunction) => {
    const extension = FILE.exec(String(req.params.file))?.[1];
    if (!extension) return next();
    try {
      const query = parseQuery(req.query);
      if (extension !== "csv" && query.part)
        throw badInput("part applies to network.csv only (nodes or edges).", "part");
      const format =
        extension === "csv"
          ? query.part === "edges"
            ? NetworkExportFormat.CSV_EDGES
            : NetworkExportFormat.CSV_NODES
          : (FORMAT_BY_EXTENSION[extension] as NetworkExportFormat);
      const context = contextOf?.(res) ?? new Context(database);
      const model = await new NetworkService(context).network({
        filter: toFilter(query),
        projection: query.projection,
        maxNodes: query.maxNodes ?? NETWORK_LIMITS.defaultMaxNodes,
      });
      const chunks = writeNetwork(model, format);
      // The first chunk computes the metrics: a failure there still gets a clean error response.
      const first = chunks.next();
      res.status(200);
      res.setHeader("Content-Type", EXPORT_SPECS[format].contentType);
      res.setHeader("Content-Disposition", `attachment; filename="${exportFilename(model, format)}"`);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Network-Nodes", String(model.analysis.graph.order));
      res.setHeader("X-Network-Edges", String(model.analysis.graph.size));
      await stream(res, first.done ? "" : first.value, chunks);
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code ?? "") : "";
      const status = STATUS[code];
      if (res.headersSent) return void res.destroy(error instanceof Error ? error : undefined);
      if (!status) return next(error);
      res.status(status).json({
        errors: [
          { message: (error as GraphQLError).message, extensions: { ...(error as GraphQLError).extensions } },
        ],
      });
    }
  });
  return router;
}
