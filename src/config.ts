import path from "node:path";
import { z } from "zod";

/** Every environment variable the service reads, validated once at start-up. Documented in README.md. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|bolt\+s|bolt\+ssc|neo4j|neo4j\+s|neo4j\+ssc):\/\/.+/, "must be a bolt:// or neo4j:// URI")
    .optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default("neo4j"),
  NEO4J_DATABASE: z.string().min(1).optional(),
  NEO4J_DATA_DIR: z.string().min(1).default(".data/neo4j"),
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30000),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  SEED_DEMO_DATA: z.enum(["true", "false"]).default("true"),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  MAX_QUERY_COST: z.coerce.number().int().min(10).default(5000),
  GRAPHIQL: z.enum(["true", "false"]).optional(),
  CORS_ORIGINS: z.string().default(""),
  INTROSPECTION: z.enum(["true", "false"]).optional(),
  AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters (HS256 shared secret)").optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ROLE_CLAIM: z.string().min(1).default("role"),
  AUTH_ORG_CLAIM: z.string().min(1).default("org"),
  RATE_LIMIT_COST_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  RATE_LIMIT_COST_PER_MINUTE_ANONYMOUS: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_COST_PER_MINUTE_MEMBER: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_COST_PER_MINUTE_COORDINATOR: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_COST_PER_MINUTE_ADMIN: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL")
    .optional(),
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  TRUST_PROXY: z.string().min(1).optional(),
  METRICS_ENABLED: z.enum(["true", "false"]).default("true"),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  http: { host: string; port: number };
  logLevel: Env["LOG_LEVEL"];
  neo4j: {
    /** Undefined: the service starts its own local Neo4j. */
    uri: string | undefined;
    user: string;
    password: string;
    database: string | undefined;
    localDataDir: string;
    localBoltPort: number;
    connectTimeoutMs: number;
    queryTimeoutMs: number;
  };
  seedDemoData: boolean;
  limits: { maxDepth: number; maxCost: number };
  graphiql: boolean;
  introspection: boolean;
  corsOrigins: string[];
  auth: AuthConfig;
  /** Query cost a client may spend per minute; 0 turns the rate limit off. */
  rateLimitCostPerMinute: number;
  /** Per-role budgets overriding rateLimitCostPerMinute. */
  rateLimitByRole: Partial<Record<"anonymous" | "member" | "coordinator" | "admin", number>>;
  /** Redis shared by every instance for one budget; unset: each instance counts its own. */
  rateLimitRedisUrl: string | undefined;
  /** JSON allow-list of operation hashes; unset: any operation runs. */
  trustedDocumentsFile: string | undefined;
  /** Express `trust proxy` (hops or addresses), so that the rate limit sees client IPs behind a proxy. */
  trustProxy: boolean | number | string;
  metrics: MetricsConfig;
}

/** Where Prometheus scrapes `/metrics`. */
export interface MetricsConfig {
  enabled: boolean;
  /** Port of the separate metrics listener; undefined: `/metrics` on the public app (never in production). */
  port: number | undefined;
  host: string;
}

/** Production default of METRICS_PORT (the port OpenTelemetry's Prometheus exporter uses). */
export const DEFAULT_METRICS_PORT = 9464;

export interface AuthConfig {
  /** HS256 shared secret; outside production a development secret when neither it nor a JWKS URL is set. */
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  roleClaim: string;
  orgClaim: string;
}

/** Signs `npm run token` tokens outside production; refused in production. */
export const DEV_JWT_SECRET = "kennisgraaf-development-secret-never-use-in-production";

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    throw new ConfigError(
      "Invalid configuration:\n  AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required when NODE_ENV=production",
    );
  }
  if (production && e.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  AUTH_JWT_SECRET: the development secret is refused in production",
    );
  }
  // Default: four of the costliest queries a minute, at least 20000.
  const rateLimit = e.RATE_LIMIT_COST_PER_MINUTE ?? Math.max(20000, 4 * e.MAX_QUERY_COST);
  if (rateLimit > 0 && rateLimit < e.MAX_QUERY_COST) {
    throw new ConfigError(
      "Invalid configuration:\n  RATE_LIMIT_COST_PER_MINUTE: must be 0 (off) or at least MAX_QUERY_COST",
    );
  }
  const byRole = Object.fromEntries(
    (
      [
        ["anonymous", e.RATE_LIMIT_COST_PER_MINUTE_ANONYMOUS],
        ["member", e.RATE_LIMIT_COST_PER_MINUTE_MEMBER],
        ["coordinator", e.RATE_LIMIT_COST_PER_MINUTE_COORDINATOR],
        ["admin", e.RATE_LIMIT_COST_PER_MINUTE_ADMIN],
      ] as const
    ).filter((entry): entry is readonly [(typeof entry)[0], number] => entry[1] !== undefined),
  );
  const tooSmall = Object.entries(byRole).find(([, budget]) => budget < e.MAX_QUERY_COST);
  if (tooSmall) {
    throw new ConfigError(
      `Invalid configuration:\n  RATE_LIMIT_COST_PER_MINUTE_${tooSmall[0].toUpperCase()}: must be at least MAX_QUERY_COST`,
    );
  }
  // In production /metrics never shares the public port: its own listener, on loopback unless told otherwise.
  const metricsPort = e.METRICS_PORT ?? (production ? DEFAULT_METRICS_PORT : undefined);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === e.PORT) {
    throw new ConfigError(
      "Invalid configuration:\n  METRICS_PORT: must differ from PORT (metrics are never served on the public port)",
    );
  }
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      localDataDir: path.resolve(e.NEO4J_DATA_DIR),
      localBoltPort: e.NEO4J_BOLT_PORT,
      connectTimeoutMs: e.NEO4J_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
    },
    seedDemoData: e.SEED_DEMO_DATA === "true",
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxCost: e.MAX_QUERY_COST },
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === "true" : e.NODE_ENV !== "production",
    introspection: e.INTROSPECTION ? e.INTROSPECTION === "true" : !production,
    corsOrigins: e.CORS_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET ?? (production || e.AUTH_JWKS_URL ? undefined : DEV_JWT_SECRET),
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      roleClaim: e.AUTH_ROLE_CLAIM,
      orgClaim: e.AUTH_ORG_CLAIM,
    },
    rateLimitCostPerMinute: rateLimit,
    rateLimitByRole: byRole,
    rateLimitRedisUrl: e.RATE_LIMIT_REDIS_URL,
    trustedDocumentsFile: e.TRUSTED_DOCUMENTS_FILE ? path.resolve(e.TRUSTED_DOCUMENTS_FILE) : undefined,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metrics: { enabled: e.METRICS_ENABLED === "true", port: metricsPort, host: e.METRICS_HOST },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
