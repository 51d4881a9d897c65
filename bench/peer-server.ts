import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { Neo4jGraphQL } from "@neo4j/graphql";
import express from "express";
import neo4j from "neo4j-driver";
import { PEER_TYPE_DEFS } from "./peer.typedefs";

/**
 * The best peer for the benchmark: @neo4j/graphql over the same Neo4j, served by the same Apollo Server
 * and express versions as the service. Started by bench.ts as its own process (NEO4J_URI, PORT); prints
 * `PEER_READY <port>` when it listens.
 */
async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is required");
  // The same driver settings as the service's Database (src/db/database.ts).
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? "neo4j"),
    {
      disableLosslessIntegers: true,
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      maxConnectionPoolSize: 50,
      userAgent: "bench-peer/@neo4j-graphql",
    },
  );
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();

  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo));

  const port = await new Promise<number>((resolve) => {
    httpServer.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) }, () => {
      const address = httpServer.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  console.log(`PEER_READY ${port}`);

  const stop = async (): Promise<void> => {
    await apollo.stop().catch(() => undefined);
    await driver.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`peer server failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
