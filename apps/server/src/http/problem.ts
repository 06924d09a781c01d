import { HttpException } from '@nestjs/common';
import type { Problem } from '@astrolabe/api-contract';
import type { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 7807 problem, thrown from anywhere and rendered by ProblemFilter. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

export function badRequest(errors: FieldError[], detail?: string): ProblemException {
  return new ProblemException({
    type: 'https://astrolabe.dev/problems/validation',
    title: 'The request is invalid',
    status: 400,
    detail: detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}

export function notFound(what: string, id: string): ProblemException {
  return new ProblemException({ type: 'https://astrolabe.dev/problems/not-found', title: `${what} not found`, status: 404, detail: `No ${what} with id "${id}" in this workspace.` });
}

export function conflict(detail: string): ProblemException {
  return new ProblemException({ type: 'https://astrolabe.dev/problems/conflict', title: 'Conflict', status: 409, detail });
}

export function zodFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(body)';
    return { field, message: issue.message };
  });
}

/** Validates input at the edge: anything the schema rejects is a 400 naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(zodFieldErrors(parsed.error, prefix));
  return parsed.data;
}

export function forbidden(detail: string): ProblemException {
  return new ProblemException({ type: 'https://astrolabe.dev/problems/forbidden', title: 'Not allowed', status: 403, detail });
}
