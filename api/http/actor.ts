import type { Request } from 'express';

/**
 * Who is acting. Until authentication lands (issue 5) every caller is "anonymous"; the
 * stores already record an actor on every change so nothing changes shape then.
 */
export function actorOf(_req: Request): string {
  return 'anonymous';
}
