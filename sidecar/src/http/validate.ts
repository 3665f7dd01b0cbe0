import type { z } from 'zod';
import { ApiError } from '../core/errors.js';

/** Parses input at the edge; the first issue's path becomes the `field` the caller must fix. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const field = first.path.length ? first.path.map(String).join('.') : where;
  const issues = result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || where, message: i.message }));
  throw new ApiError(400, 'invalid_request', `Invalid ${where}: ${field}: ${first.message}`, field, issues);
}
