import { ConfigError, loadConfig } from "../../src/config";

describe("configuration", () => {
  it("has defaults that start the local Neo4j and serve on port 4000", () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.graphiql).toBe(true);
    expect(config.seedDemoData).toBe(true);
  });

  it("names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty", NEO4J_URI: "http://x" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", NEO4J_URI: "http://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI/);
    }
  });

  it("accepts routing and TLS URIs and turns GraphiQL off in production", () => {
    const config = loadConfig({
      NEO4J_URI: "neo4j+s://abc.databases.neo4j.io",
      NODE_ENV: "production",
      AUTH_JWT_SECRET: "a-production-secret-of-at-least-32-chars",
    });
    expect(config.neo4j.uri).toBe("neo4j+s://abc.databases.neo4j.io");
    expect(config.graphiql).toBe(false);
  });
});
