import { ConfigError, DEFAULT_METRICS_PORT, loadConfig } from "../../src/config";
import { cypherSummary, tracingRequested } from "../../src/server/tracing";

const PRODUCTION = { NODE_ENV: "production", AUTH_JWT_SECRET: "a-production-secret-of-at-least-32-chars" };

describe("metrics configuration", () => {
  it("serves /metrics on the app in development and on a loopback listener of its own in production", () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: true, port: undefined, host: "127.0.0.1" });
    expect(loadConfig(PRODUCTION).metrics).toEqual({
      enabled: true,
      port: DEFAULT_METRICS_PORT,
      host: "127.0.0.1",
    });
    expect(loadConfig({ ...PRODUCTION, METRICS_PORT: "9100", METRICS_HOST: "10.0.0.5" }).metrics).toEqual({
      enabled: true,
      port: 9100,
      host: "10.0.0.5",
    });
    expect(loadConfig({ METRICS_ENABLED: "false" }).metrics.enabled).toBe(false);
  });

  it("refuses METRICS_PORT equal to PORT: metrics never share the public port", () => {
    expect(() => loadConfig({ ...PRODUCTION, PORT: "8080", METRICS_PORT: "8080" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...PRODUCTION, PORT: String(DEFAULT_METRICS_PORT) })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: "x" })).toThrow(/METRICS_PORT/);
  });
});

describe("tracing switch", () => {
  it("is off by default and on with an OTLP endpoint or OTEL_TRACES_EXPORTER=otlp", () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: "x" })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces" })).toBe(
      true,
    );
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
        OTEL_TRACES_EXPORTER: "none",
      }),
    ).toBe(false);
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBe(false);
  });

  it("summarises a statement by its first clause and label, without its parameters", () => {
    expect(cypherSummary("MATCH (o:Organisation {id: $id}) RETURN o")).toBe("MATCH Organisation");
    expect(cypherSummary("// who works on\nUNWIND $keys AS k MATCH (t:`Topic` {id: k}) RETURN t")).toBe(
      "UNWIND Topic",
    );
    expect(cypherSummary("RETURN 1")).toBe("RETURN");
  });
});
