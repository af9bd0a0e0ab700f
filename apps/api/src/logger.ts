import pino from "pino";

/** Structured JSON logs; every request line carries its request id. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info") {
  return pino({ level, base: { service: "tradecloud-api" } });
}
