export type { AppDeps, IngestFn, IngestInput, IngestResult } from './app-deps.js';
export { createApp, DEFAULT_BODY_LIMIT } from './create-app.js';
export {
  postgresCheck,
  redisCheck,
  runCheck,
  type CheckStatus,
  type HealthCheck,
  type HealthChecks,
} from './health/health-checks.js';
export { HTTP_STATUS_BY_CODE, toHttpError } from './error-mapper.js';
