/** A problem found in a definition: where (RFC 6901 JSON pointer), what (stable code), and why. */
export interface Finding {
  pointer: string;
  code: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; findings: Finding[] };

/** Escapes one JSON pointer reference token (RFC 6901 §3). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + pointerToken(t)).join('');
}

/** JSON with object keys sorted at every depth: the form a content hash is taken over. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
