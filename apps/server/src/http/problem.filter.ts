import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Problem } from '@astrolabe/api-contract';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ProblemException } from './problem';

/**
 * Every error leaves as application/problem+json. Unexpected errors are logged with their
 * stack and answered with a generic 500 — no stack trace or internal message reaches a client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    let problem: Problem;
    if (exception instanceof ProblemException) {
      problem = exception.problem;
    } else if (exception instanceof HttpException) {
      // Includes body-parser failures (malformed JSON → 400, too large → 413) and unknown routes.
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : exception.message;
      problem = { type: 'about:blank', title: httpTitle(status), status, detail: status === 404 ? `No route ${req.method} ${req.path}` : detail };
    } else {
      this.logger.error({ err: exception, method: req.method, path: req.path }, 'unhandled error');
      problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; it has been logged.' };
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

function httpTitle(status: number): string {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests' };
  return titles[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
