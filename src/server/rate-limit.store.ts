import { Redis } from "ioredis";
import type { Logger } from "../logger";

/**
 * The Redis connection of the shared rate-limit budget. No offline queue and a short command timeout:
 * when Redis is slow or gone, the limiter falls back to the instance's own memory at once instead of
 * holding requests (rate-limiter-flexible's insurance limiter).
 */
export function connectRateLimitStore(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: 300,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  redis.on("error", (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    // The URL may hold a password: log the error's kind only.
    logger.warn(
      { code: error.code ?? error.name },
      "rate-limit store (Redis) unavailable; budgets are per instance",
    );
  });
  redis.on("ready", () => {
    if (down) logger.info("rate-limit store (Redis) is back; budgets are shared again");
    down = false;
  });
  return redis;
}
