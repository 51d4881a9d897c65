import { Neo4jGraphQL } from "@neo4j/graphql";
import { type GraphQLSchema, execute, parse } from "graphql";
import neo4j, { type Driver, type ProfiledPlan } from "neo4j-driver";
import { Context } from "../src/context";
import { Database, type Params, type QueryStats, type Queryable } from "../src/db/database";
import type { CypherRequest, GraphQLRequest } from "./bench.operations";
import { PEER_TYPE_DEFS } from "./peer.typedefs";

/**
 * Where the time goes: the Cypher each of the three ways sends for one request, counted and PROFILEd
 * (database hits). Ours and the peer run in-process here with a recording database view, so that the
 * exact queries and parameters of one request are known.
 */

export interface QueryCost {
  /** First meaningful line of the query, to recognise it. */
  label: string;
  dbHits: number;
}

export interface RequestProfile {
  /** Cypher queries (round trips) one request sends. */
  queries: number;
  dbHits: number;
  details: QueryCost[];
}

interface Recorded {
  cypher: string;
  params: Params;
}

/** Our Database, recording every read of a request. */
class RecordingDatabase extends Database {
  recorded: Recorded[] = [];

  override forRequest(stats: QueryStats): Queryable {
    const inner = super.forRequest(stats);
    return {
      read: (cypher, params) => {
        this.recorded.push({ cypher, params: params ?? {} });
        return inner.read(cypher, params);
      },
      write: (work) => inner.write(work),
    };
  }
}

function sumDbHits(plan: ProfiledPlan | false): number {
  if (!plan) return 0;
  return plan.dbHits + plan.children.reduce((n, child) => n + sumDbHits(child), 0);
}

function label(cypher: string): string {
  const lines = cypher
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^CYPHER \d+$/i.test(l));
  return (lines.slice(0, 2).join(" ") || cypher).slice(0, 110);
}

export class Profiler {
  private readonly ours: RecordingDatabase;
  private peerSchema: Promise<GraphQLSchema> | undefined;

  constructor(
    private readonly driver: Driver,
    uri: string,
    private readonly oursSchema: GraphQLSchema,
  ) {
    this.ours = new RecordingDatabase({ uri, user: "neo4j", password: "neo4j", queryTimeoutMs: 120_000 });
  }

  /** Database hits of one query (PROFILE runs it once more). */
  async dbHits(cypher: string, params: Params): Promise<number> {
    const text = cypher.replace(/^\s*CYPHER\s+\d+\s*/i, "");
    const result = await this.driver.executeQuery(`PROFILE ${text}`, params, { routing: neo4j.routing.READ });
    return sumDbHits(result.summary.profile);
  }

  async profileAll(recorded: Recorded[]): Promise<RequestProfile> {
    const details: QueryCost[] = [];
    for (const q of recorded)
      details.push({ label: label(q.cypher), dbHits: await this.dbHits(q.cypher, q.params) });
    return { queries: recorded.length, dbHits: details.reduce((n, d) => n + d.dbHits, 0), details };
  }

  raw(request: CypherRequest): Promise<RequestProfile> {
    return this.profileAll([{ cypher: request.cypher, params: request.params }]);
  }

  /** Our resolvers in-process on a recording database: the queries of one request, then PROFILEd. */
  async oursRequest(request: GraphQLRequest): Promise<RequestProfile> {
    this.ours.recorded = [];
    const result = await execute({
      schema: this.oursSchema,
      document: parse(request.query),
      variableValues: request.variables,
      contextValue: new Context(this.ours),
    });
    if (result.errors?.length) throw new Error(`ours: ${result.errors[0]?.message}`);
    return this.profileAll(this.ours.recorded);
  }

  /** @neo4j/graphql in-process with a recording transaction as its execution context. */
  async peerRequest(request: GraphQLRequest): Promise<RequestProfile> {
    this.peerSchema ??= new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: this.driver }).getSchema();
    const recorded: Recorded[] = [];
    const executionContext = {
      run: (cypher: string, params: Params) => {
        recorded.push({ cypher, params });
        return this.driver.executeQuery(cypher, params, { routing: neo4j.routing.READ });
      },
    };
    const result = await execute({
      schema: await this.peerSchema,
      document: parse(request.query),
      variableValues: request.variables,
      contextValue: { executionContext },
    });
    if (result.errors?.length) throw new Error(`peer: ${result.errors[0]?.message}`);
    return this.profileAll(recorded);
  }

  close(): Promise<void> {
    return this.ours.close();
  }
}
