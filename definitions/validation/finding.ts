/**
 * A problem found in a definition: where (RFC 6901 JSON pointer), what (stable code), and why,
 * in English (`message`) and Chinese (`messageZh`).
 */
export interface Finding {
  pointer: string;
  code: string;
  message: string;
  messageZh: string;
}

/** Builds a finding; every check states its message in both languages. */
export function finding(pointer: string, code: string, message: { en: string; zh: string }): Finding {
  return { pointer, code, message: message.en, messageZh: message.zh };
}

export type Validated<T> = { ok: true; value: T } | { ok: false; findings: Finding[] };

/** Escapes one JSON pointer reference token (RFC 6901 §3). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + pointerToken(t)).join('');
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth: the form a content hash
 * is taken over. Written out by hand because JSON.stringify always puts integer-like keys first.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
