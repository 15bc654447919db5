/**
 * Every text the rule designer shows goes through the i18n layer: each `rules.*` key its
 * components ask for is registered (English; Chinese has the same keys by type), including the
 * keys built from the vocabularies (units, severities, actions, channels, ...).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHANNELS, DELAY_FROM, RECIPIENT_KINDS } from '../../../definitions/policies/schema';
import { FACTS } from '../../../definitions/rules/facts';
import { ACTION_TYPES, SEVERITIES } from '../../../definitions/rules/vocabulary';

const ROOM = path.join(__dirname, '../../../designer/src/rules');

function registered(): Set<string> {
  const keys = new Set<string>();
  for (const file of ['messages.ts', 'messages-lifecycle.ts']) {
    const text = readFileSync(path.join(ROOM, file), 'utf8');
    const en = text.slice(text.indexOf('const en = {'), text.indexOf('const zh'));
    for (const m of en.matchAll(/^\s*'([^']+)':/gm)) keys.add(`rules.${m[1]}`);
  }
  return keys;
}

function asked(): string[] {
  const keys: string[] = [];
  for (const file of readdirSync(ROOM).filter((f) => f.endsWith('.tsx'))) {
    const text = readFileSync(path.join(ROOM, file), 'utf8');
    for (const m of text.matchAll(/\bt\('(rules\.[^']+)'/g)) keys.push(m[1] as string);
  }
  return [...new Set(keys)];
}

const units = [...new Set(FACTS.flatMap((f) => (f.unit ? [f.unit] : [])))];
const built = [
  ...units.map((u) => `rules.unit.${u}`),
  ...SEVERITIES.map((s) => `rules.severity.${s}`),
  ...ACTION_TYPES.map((a) => `rules.action.${a}`),
  ...CHANNELS.map((c) => `rules.channel.${c}`),
  ...DELAY_FROM.map((d) => `rules.ladder.from.${d}`),
  ...RECIPIENT_KINDS.flatMap((k) => [`rules.recipient.${k}`, `rules.recipient.${k}s`]),
  ...['approved', 'reviewed', 'authored', 'responsible'].map((m) => `rules.publish.meaning.${m}`),
  ...['added', 'removed', 'changed'].map((op) => `rules.diff.${op}`),
  ...['condition', 'field', 'level'].map((e) => `rules.entity.${e}`),
  ...['active', 'superseded', 'retired'].map((s) => `rules.versions.status.${s}`),
  ...['all', 'any', 'not'].map((g) => `rules.trace.group.${g}`),
  ...['m', 'h', 'd', 'shift'].map((u) => `rules.param.window.${u}`),
  ...['productModels', 'lines', 'steps'].map((s) => `rules.scope.${s}`),
  'rules.field.message.en',
  'rules.field.message.zh',
];

describe('rule designer texts', () => {
  const keys = registered();

  it('registers a text for every key its components ask for', () => {
    const used = asked();
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('registers a text for every key built from the vocabularies', () => {
    expect(built.filter((k) => !keys.has(k))).toEqual([]);
  });
});
