import type { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";

export const RATE_LIMITED = "RATE_LIMITED";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Cost the client may still spend now. */
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
  /** Seconds until this request's cost would fit (only when refused). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-client budget of query cost per minute as a token bucket: it refills continuously at
 * `costPerMinute / 60` per second up to `costPerMinute`, so bursts up to one minute's budget pass and
 * nothing doubles at window edges. In memory, per process: behind a load balancer each instance counts
 * its own clients (the limit is per instance).
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private calls = 0;

  constructor(
    readonly costPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = costPerMinute / 60_000;
  }

  take(client: string, cost: number): RateLimitDecision {
    const now = this.now();
    if (++this.calls % 1000 === 0) this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.costPerMinute, at: now };
    const tokens = Math.min(this.costPerMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    const allowed = cost <= tokens;
    const left = allowed ? tokens - cost : tokens;
    this.buckets.set(client, { tokens: left, at: now });
    return {
      allowed,
      limit: this.costPerMinute,
      remaining: Math.floor(left),
      resetSeconds: Math.ceil((this.costPerMinute - left) / this.perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - left) / this.perMs / 1000)),
    };
  }

  /** Full buckets carry no information: drop them so that memory follows the active clients. */
  private sweep(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.costPerMinute) this.buckets.delete(client);
    }
  }
}

/**
 * Charges the operation's cost to the client and sets the RateLimit headers of the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers: RateLimit-Limit, -Remaining, -Reset in seconds, and the
 * policy). Over budget: 429 with Retry-After and the coded error RATE_LIMITED; nothing runs.
 */
export function chargeRateLimit(
  limiter: CostRateLimiter,
  client: string,
  cost: number,
  headers: HeaderMap,
): void {
  const decision = limiter.take(client, cost);
  const set: [string, string][] = [
    ["ratelimit-limit", String(decision.limit)],
    ["ratelimit-remaining", String(decision.remaining)],
    ["ratelimit-reset", String(decision.resetSeconds)],
    ["ratelimit-policy", `${decision.limit};w=60`],
  ];
  for (const [name, value] of set) headers.set(name, value);
  if (decision.allowed) return;
  headers.set("retry-after", String(decision.retryAfterSeconds));
  throw new GraphQLError(
    `Rate limit exceeded: this operation costs ${cost} and ${decision.remaining} of ${decision.limit} per minute is left; retry in ${decision.retryAfterSeconds} s.`,
    {
      extensions: {
        code: RATE_LIMITED,
        cost,
        retryAfter: decision.retryAfterSeconds,
        http: { status: 429 },
      },
    },
  );
}
