export type {
  Config,
  FrozenConfig,
  ImapConfig,
  OpenAiConfig,
  SmtpConfig,
  WhatsappCloudConfig,
  WhatsappWebConfig,
} from './config.js';
export { LOG_LEVELS, type LogLevel } from './env-schema.js';
export {
  ConfigError,
  formatConfigProblems,
  getConfig,
  loadConfig,
  requireConfig,
  type ConfigProblem,
  type LoadConfigResult,
} from './load-config.js';
