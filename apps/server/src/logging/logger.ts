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

/** Query parameters that carry credentials (invitation links, OIDC callbacks): kept out of access logs. */
const SECRET_QUERY_KEYS = new Set(['token', 'code', 'state', 'id_token', 'access_token', 'session_state']);

/** The request URL for a log line: path and query, with credential-carrying values replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.has(key.toLowerCase())) params.set(key, '[redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}
