import pino, { type Logger } from 'pino';

/**
 * Paths pino must never print. Connector secrets travel as `secret`; HTTP auth as headers.
 * Redaction is the last line of defence: code should not log secrets in the first place.
 */
export const REDACT_PATHS = [
  'secret',
  '*.secret',
  'config.secretAccessKey',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.password',
  '*.token',
  '*.privateKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'astrolabe' } }, destination);
}

export const LOGGER = Symbol('LOGGER');
