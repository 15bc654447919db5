/** A work order's serials: generated from a pattern (pure, from the creation time given) or checked as given. */
import { checkSerials, generateSerials, resolveSerials, type SerialSpec } from '../../../engine/work-order/serials';

const AT = '2025-03-07T23:30:00.000Z';
const spec = (over: Partial<SerialSpec> = {}): SerialSpec => ({ number: 'WO-1', line: 'SMT1', quantity: 3, at: AT, ...over });

describe('generateSerials', () => {
  it.each<[string, string, Partial<SerialSpec>, string[]]>([
    ['date and a 5-digit sequence', 'MB{YYMMDD}-{SEQ:5}', {}, ['MB250307-00001', 'MB250307-00002', 'MB250307-00003']],
    ['a start number', 'MB{YYMMDD}-{SEQ:5}', { serialStart: 98 }, ['MB250307-00098', 'MB250307-00099', 'MB250307-00100']],
    ['the order number and line', '{WO}.{LINE}.{SEQ:2}', {}, ['WO-1.SMT1.01', 'WO-1.SMT1.02', 'WO-1.SMT1.03']],
    ['every date part (UTC, not the local day)', '{YYYY}{MM}{DD}-{YY}-{YYYYMMDD}-{SEQ:1}', { quantity: 1 }, ['20250307-25-20250307-1']],
    ['no literal text at all', '{SEQ:3}', { quantity: 2 }, ['001', '002']],
  ])('when the pattern has %s, then the serials are generated in order', (_case, serialPattern, over, expected) => {
    // Act
    const result = generateSerials({ ...spec(over), serialPattern });

    // Assert
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string, Partial<SerialSpec>, string]>([
    ['no sequence placeholder', 'MB{YYMMDD}', {}, 'work-order.serial-pattern.no-sequence'],
    ['two sequence placeholders', '{SEQ:3}-{SEQ:3}', {}, 'work-order.serial-pattern.sequences'],
    ['a sequence without a width', 'MB-{SEQ}', {}, 'work-order.serial-pattern.seq-width'],
    ['a sequence wider than 9', 'MB-{SEQ:10}', {}, 'work-order.serial-pattern.seq-width'],
    ['an unknown placeholder', 'MB-{HOUR}-{SEQ:3}', {}, 'work-order.serial-pattern.placeholder'],
    ['a stray brace', 'MB-{SEQ:3}}', {}, 'work-order.serial-pattern.brace'],
    ['more units than the width can number', 'MB-{SEQ:2}', { quantity: 100 }, 'work-order.serial-pattern.overflow'],
    ['a start that overflows the width', 'MB-{SEQ:2}', { serialStart: 98 }, 'work-order.serial-pattern.overflow'],
    ['a result that is no valid serial', '-{SEQ:3}', {}, 'work-order.serial-pattern.invalid-serial'],
    ['a negative start', 'MB-{SEQ:3}', { serialStart: -1 }, 'work-order.serial-start'],
  ])('when the pattern has %s, then it is refused with a clear code', (_case, serialPattern, over, code) => {
    // Act
    const result = generateSerials({ ...spec(over), serialPattern });

    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.findings.map((f) => f.code)).toContain(code);
      expect(result.findings.every((f) => f.message.length > 0 && f.messageZh.length > 0)).toBe(true);
    }
  });

  it('when the same pattern is generated twice at the same time, then the serials are the same (deterministic)', () => {
    // Act
    const a = generateSerials({ ...spec({ quantity: 50 }), serialPattern: 'X{YYMMDD}{SEQ:4}' });
    const b = generateSerials({ ...spec({ quantity: 50 }), serialPattern: 'X{YYMMDD}{SEQ:4}' });

    // Assert
    expect(a).toEqual(b);
  });
});

describe('checkSerials and resolveSerials', () => {
  it.each<[string, string[], number, Array<[string, string]>]>([
    ['fewer serials than the quantity', ['A1', 'A2'], 3, [['/serials', 'work-order.serial-count']]],
    ['more serials than the quantity', ['A1', 'A2', 'A3'], 2, [['/serials', 'work-order.serial-count']]],
    ['a duplicate', ['A1', 'A2', 'A1'], 3, [['/serials/2', 'work-order.serial-duplicate']]],
    ['an invalid serial', ['A1', 'A 2'], 2, [['/serials/1', 'work-order.serial-invalid']]],
  ])('when the given serials have %s, then they are refused at the item at fault', (_case, serials, quantity, expected) => {
    // Act
    const result = checkSerials(serials, quantity);

    // Assert
    expect(result.ok ? [] : result.findings.map((f) => [f.pointer, f.code])).toEqual(expected);
  });

  it.each<[string, Partial<SerialSpec>, string]>([
    ['neither serials nor a pattern', {}, 'work-order.serials-missing'],
    ['both serials and a pattern', { serials: ['A1', 'A2', 'A3'], serialPattern: 'A{SEQ:1}' }, 'work-order.serials-twice'],
    ['a quantity above the maximum', { quantity: 10_001, serialPattern: 'A{SEQ:6}' }, 'work-order.quantity'],
  ])('when the order gives %s, then it is refused', (_case, over, code) => {
    // Act
    const result = resolveSerials(spec(over));

    // Assert
    expect(result.ok ? [] : result.findings.map((f) => f.code)).toEqual([code]);
  });

  it('when the order gives exactly quantity distinct serials, then they are kept as given', () => {
    // Act
    const result = resolveSerials(spec({ serials: ['C3', 'A1', 'B2'] }));

    // Assert
    expect(result).toEqual({ ok: true, value: ['C3', 'A1', 'B2'] });
  });
});
