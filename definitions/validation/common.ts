/** Schema pieces every definition kind shares. */

/** An identifier: a letter, then letters, digits, "_" or "-" (at most 64 characters). */
export const identifier = {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$',
} as const;

/** A code as factories write them (part numbers, defect codes): letters, digits and ._-/ */
export const code = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$',
} as const;

/** Text in both languages the UI speaks. */
export const bilingual = {
  type: 'object',
  additionalProperties: false,
  required: ['en', 'zh'],
  properties: {
    en: { type: 'string', minLength: 1, maxLength: 2000 },
    zh: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

export const identifiers = { type: 'array', items: identifier, uniqueItems: true, maxItems: 500 } as const;
export const codes = { type: 'array', items: code, uniqueItems: true, maxItems: 2000 } as const;
