import { GraphQLError } from "graphql";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Role } from "../auth/auth.user";

export const RATE_LIMITED = "RATE_LIMITED";

/** The budget window: a client may spend its budget once per minute. */
const WINDOW_SECONDS = 60;

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Cost the client may still spend in this window. */
  remaining: number;
  /** Seconds until the window (and so the budget) starts afresh. */
  resetSeconds: number;
  /** Seconds until this request's cost would fit (only when refused). */
  retryAfterSeconds: number;
}

export interface RateLimitBudgets {
  /** Cost per client per minute for every role without its own budget. */
  perMinute: number;
  /** Per-role budgets (e.g. coordinators more than anonymous readers). */
  byRole?: Partial<Record<Role, number>>;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * The per-client budget of query cost per minute, one per role, in fixed one-minute windows
 * (rate-limiter-flexible). Without Redis each instance counts its own clients; with Redis every instance
 * behind the load balancer spends from one budget, and when Redis fails the instance falls back to its
 * own memory (the insurance limiter) rather than refusing or letting everything through.
 */
export class CostRateLimiter {
  private readonly limiters = new Map<number, Limiter>();

  constructor(
    readonly budgets: RateLimitBudgets,
    private readonly redis?: Redis,
  ) {}

  /** The budget of a role. */
  limitOf(role: Role): number {
    return this.budgets.byRole?.[role] ?? this.budgets.perMinute;
  }

  /** Spends `cost` from the client's budget; refused requests spend nothing. */
  async take(client: string, role: Role, cost: number): Promise<RateLimitDecision> {
    const limit = this.limitOf(role);
    const limiter = this.limiter(limit);
    const points = Math.max(0, Math.ceil(cost));
    try {
      const res = await limiter.consume(client, points);
      return decision(true, limit, res, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused request does not eat into the budget: give its points back.
      await limiter.reward(client, points).catch(() => undefined);
      return decision(false, limit, rejection, points);
    }
  }

  /** The client's budget without spending (for the headers of answers that cost nothing). */
  async peek(client: string, role: Role): Promise<RateLimitDecision> {
    const limit = this.limitOf(role);
    const res = await this.limiter(limit)
      .get(client)
      .catch(() => null);
    return res
      ? decision(true, limit, res, 0)
      : { allowed: true, limit, remaining: limit, resetSeconds: 0, retryAfterSeconds: 0 };
  }

  private limiter(points: number): Limiter {
    let limiter = this.limiters.get(points);
    if (limiter) return limiter;
    const options = { points, duration: WINDOW_SECONDS, keyPrefix: `kg-cost-${points}` };
    limiter = this.redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: this.redis,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    this.limiters.set(points, limiter);
    return limiter;
  }
}

function decision(allowed: boolean, limit: number, res: RateLimiterRes, cost: number): RateLimitDecision {
  const consumed = allowed ? res.consumedPoints : res.consumedPoints - cost;
  const remaining = Math.max(0, limit - consumed);
  const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    allowed,
    limit,
    remaining,
    resetSeconds,
    retryAfterSeconds: allowed ? 0 : resetSeconds,
  };
}

/**
 * The RateLimit headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers): limit, remaining,
 * reset in seconds and the policy; on refusal also Retry-After.
 */
export function rateLimitHeaders(decision: RateLimitDecision): [string, string][] {
  const headers: [string, string][] = [
    ["ratelimit-limit", String(decision.limit)],
    ["ratelimit-remaining", String(decision.remaining)],
    ["ratelimit-reset", String(decision.resetSeconds)],
    ["ratelimit-policy", `${decision.limit};w=${WINDOW_SECONDS}`],
  ];
  if (!decision.allowed) headers.push(["retry-after", String(decision.retryAfterSeconds)]);
  return headers;
}

/** The coded 429 of a refused request. */
export function rateLimitedError(decision: RateLimitDecision, cost: number): GraphQLError {
  return new GraphQLError(
    `Rate limit exceeded: this request costs ${cost} and ${decision.remaining} of ${decision.limit} per minute is left; retry in ${decision.retryAfterSeconds} s.`,
    {
      extensions: {
        code: RATE_LIMITED,
        cost,
        retryAfter: decision.retryAfterSeconds,
        retryable: true,
        http: { status: 429 },
      },
    },
  );
}
