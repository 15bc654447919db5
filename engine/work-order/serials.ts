/**
 * A work order's serials: given by the ERP, or generated from a pattern. Pure and deterministic:
 * the date placeholders read the time passed in (the work order's creation), never the clock.
 *
 * Pattern placeholders (everything else is copied as is):
 *   {YYYY} {YY} {MM} {DD} {YYMMDD} {YYYYMMDD}  date parts, UTC
 *   {SEQ:n}                                    the sequence number, zero-padded to n digits (1..9); exactly once
 *   {WO}                                       the work order number
 *   {LINE}                                     the line id
 */
import { finding, type Finding, type Validated } from '../../definitions/validation/finding';

/** A serial as units accept it (the same rule as POST /units). */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_WORK_ORDER_QUANTITY = 10_000;

export interface SerialSpec {
  number: string;
  line: string;
  quantity: number;
  /** ISO 8601 time the date placeholders are taken from. */
  at: string;
  serials?: readonly string[];
  serialPattern?: string;
  /** First sequence number (default 1). */
  serialStart?: number;
}

const PLACEHOLDER = /\{([A-Z]+)(?::(\d+))?\}/g;
const DATE_PARTS = new Set(['YYYY', 'YY', 'MM', 'DD', 'YYMMDD', 'YYYYMMDD']);

type Part = { literal: string } | { field: string; width?: number };

function parse(pattern: string): { parts: Part[]; errors: Finding[] } {
  const parts: Part[] = [];
  const errors: Finding[] = [];
  let last = 0;
  let seqs = 0;
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    const [whole, field = '', width] = m;
    if (m.index > last) parts.push({ literal: pattern.slice(last, m.index) });
    last = m.index + whole.length;
    if (field === 'SEQ') {
      seqs++;
      const w = Number(width);
      if (width === undefined || !Number.isInteger(w) || w < 1 || w > 9) {
        errors.push(finding('/serialPattern', 'work-order.serial-pattern.seq-width', { en: `${whole}: write the sequence as {SEQ:n} with n from 1 to 9`, zh: `${whole}：序号应写成 {SEQ:n}，n 为 1 到 9` }));
      }
      parts.push({ field, width: w });
    } else if (DATE_PARTS.has(field) || field === 'WO' || field === 'LINE') {
      if (width !== undefined) errors.push(finding('/serialPattern', 'work-order.serial-pattern.placeholder', { en: `${whole} takes no width`, zh: `${whole} 不能带位数` }));
      parts.push({ field });
    } else {
      errors.push(finding('/serialPattern', 'work-order.serial-pattern.placeholder', { en: `unknown placeholder ${whole}`, zh: `未知的占位符 ${whole}` }));
    }
  }
  if (last < pattern.length) parts.push({ literal: pattern.slice(last) });
  if (/[{}]/.test(parts.map((p) => ('literal' in p ? p.literal : '')).join(''))) {
    errors.push(finding('/serialPattern', 'work-order.serial-pattern.brace', { en: 'a brace that opens no placeholder', zh: '存在未构成占位符的花括号' }));
  }
  if (seqs === 0) errors.push(finding('/serialPattern', 'work-order.serial-pattern.no-sequence', { en: 'the pattern needs a sequence placeholder {SEQ:n}', zh: '序列号规则必须包含序号占位符 {SEQ:n}' }));
  if (seqs > 1) errors.push(finding('/serialPattern', 'work-order.serial-pattern.sequences', { en: 'the pattern may hold one {SEQ:n} only', zh: '序列号规则只能包含一个 {SEQ:n}' }));
  return { parts, errors };
}

function dateFields(at: string): Record<string, string> | undefined {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return undefined;
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const yy = yyyy.slice(-2);
  return { YYYY: yyyy, YY: yy, MM: mm, DD: dd, YYMMDD: `${yy}${mm}${dd}`, YYYYMMDD: `${yyyy}${mm}${dd}` };
}

/** Serials from a pattern: `quantity` of them from `serialStart` on, or the reasons why not. */
export function generateSerials(spec: SerialSpec & { serialPattern: string }): Validated<string[]> {
  const { parts, errors } = parse(spec.serialPattern);
  const start = spec.serialStart ?? 1;
  if (!Number.isInteger(start) || start < 0) {
    errors.push(finding('/serialStart', 'work-order.serial-start', { en: 'serialStart must be a whole number ≥ 0', zh: 'serialStart 必须是不小于 0 的整数' }));
  }
  const dates = dateFields(spec.at);
  if (!dates) errors.push(finding('', 'work-order.serial-date', { en: `no date in ${spec.at}`, zh: `${spec.at} 不是有效时间` }));
  if (errors.length > 0 || !dates) return { ok: false, findings: errors };
  const width = parts.reduce((w, p) => ('field' in p && p.field === 'SEQ' ? (p.width ?? 0) : w), 0);
  const lastSeq = start + spec.quantity - 1;
  if (String(lastSeq).length > width) {
    return {
      ok: false,
      findings: [finding('/serialPattern', 'work-order.serial-pattern.overflow', { en: `sequence ${lastSeq} does not fit in {SEQ:${width}}`, zh: `序号 ${lastSeq} 超出 {SEQ:${width}} 的位数` })],
    };
  }
  const fixed: Record<string, string> = { ...dates, WO: spec.number, LINE: spec.line };
  const serials: string[] = [];
  for (let seq = start; seq <= lastSeq; seq++) {
    serials.push(parts.map((p) => ('literal' in p ? p.literal : p.field === 'SEQ' ? String(seq).padStart(p.width ?? 0, '0') : (fixed[p.field] ?? ''))).join(''));
  }
  const bad = serials.find((s) => !SERIAL_PATTERN.test(s));
  if (bad !== undefined) {
    return {
      ok: false,
      findings: [finding('/serialPattern', 'work-order.serial-pattern.invalid-serial', { en: `the pattern makes "${bad}", which is not a valid serial (letters, digits, . _ -, at most 64)`, zh: `该规则生成的 "${bad}" 不是有效序列号（字母、数字、. _ -，最多 64 个字符）` })],
    };
  }
  return checkSerials(serials, spec.quantity, '/serialPattern');
}

/** Given serials: exactly `quantity` of them, each valid, none twice. */
export function checkSerials(serials: readonly string[], quantity: number, at = '/serials'): Validated<string[]> {
  const findings: Finding[] = [];
  if (serials.length !== quantity) {
    findings.push(finding(at, 'work-order.serial-count', { en: `${serials.length} serials for a quantity of ${quantity}`, zh: `序列号数量 ${serials.length} 与工单数量 ${quantity} 不一致` }));
  }
  const seen = new Map<string, number>();
  serials.forEach((s, i) => {
    const first = seen.get(s);
    if (first !== undefined) {
      findings.push(finding(`${at}/${i}`, 'work-order.serial-duplicate', { en: `serial ${s} is also item ${first}`, zh: `序列号 ${s} 与第 ${first} 项重复` }));
    } else seen.set(s, i);
    if (!SERIAL_PATTERN.test(s)) findings.push(finding(`${at}/${i}`, 'work-order.serial-invalid', { en: `"${s}" is not a valid serial`, zh: `"${s}" 不是有效序列号` }));
  });
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: [...serials] };
}

/** The work order's serials: the given ones checked, or the pattern's; exactly one of the two. */
export function resolveSerials(spec: SerialSpec): Validated<string[]> {
  if (!Number.isInteger(spec.quantity) || spec.quantity < 1 || spec.quantity > MAX_WORK_ORDER_QUANTITY) {
    return { ok: false, findings: [finding('/quantity', 'work-order.quantity', { en: `quantity must be 1 to ${MAX_WORK_ORDER_QUANTITY}`, zh: `数量必须在 1 到 ${MAX_WORK_ORDER_QUANTITY} 之间` })] };
  }
  if (spec.serials && spec.serialPattern !== undefined) {
    return { ok: false, findings: [finding('', 'work-order.serials-twice', { en: 'give serials or serialPattern, not both', zh: 'serials 与 serialPattern 只能给出其一' })] };
  }
  if (spec.serials) return checkSerials(spec.serials, spec.quantity);
  if (spec.serialPattern !== undefined) return generateSerials({ ...spec, serialPattern: spec.serialPattern });
  return { ok: false, findings: [finding('', 'work-order.serials-missing', { en: 'give serials or a serialPattern', zh: '必须给出 serials 或 serialPattern' })] };
}
