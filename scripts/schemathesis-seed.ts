/**
 * Data for the contract test (scripts/schemathesis.sh), so that generated requests reach past
 * "404 not found" into the logic: the example definitions published (master data first), three
 * units, a lot and a work order released. Prints the schemathesis configuration that offers these
 * identifiers for the path parameters half of the time (the other half stays generated, so the
 * 404 paths keep being tested too).
 *
 *   SEED_API=http://127.0.0.1:8080/api/v1 SEED_TOKEN=… SEED_PASSWORD=… node --import tsx scripts/schemathesis-seed.ts > schemathesis.toml
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const API = required('SEED_API');
const TOKEN = required('SEED_TOKEN');
const PASSWORD = required('SEED_PASSWORD');
const EXAMPLES = path.join(__dirname, '..', 'definitions', 'examples');
/** Publishing order: what a kind refers to is published before it. */
const KINDS = ['master-data', 'routing', 'escalation-policy', 'alert-rule'] as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function post(pathname: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${API}${pathname}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${pathname} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

async function publishExamples(): Promise<Record<string, string[]>> {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.export.json'));
  const keys: Record<string, string[]> = {};
  for (const kind of KINDS) {
    for (const file of files.filter((f) => f.endsWith(`.${kind}.json`)).sort()) {
      const key = file.slice(0, -`.${kind}.json`.length);
      await post(`/definitions/${kind}/${key}/drafts`, JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')));
      await post(`/definitions/${kind}/${key}/publish`, { note: 'contract test data', signature: { password: PASSWORD, meaning: 'approved' } });
      (keys[kind] ??= []).push(key);
    }
  }
  return keys;
}

const toml = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

async function main(): Promise<void> {
  const keys = await publishExamples();
  const serials = ['ST-SN-1', 'ST-SN-2', 'ST-SN-3'];
  for (const serial of serials) await post('/units', { serial, routing: 'smt-mainboard', line: 'SMT1', productModel: 'MB-A100' });
  await post('/lots', { lot: 'ST-LOT-1', routing: 'coating-lot', line: 'COAT1', productModel: 'PNL-C10', quantity: 100 });
  await post('/work-orders', { number: 'ST-WO-1', productModel: 'MB-A100', routing: 'smt-mainboard', quantity: 2, dueAt: '2030-01-01T00:00:00Z', line: 'SMT1', serials: ['ST-WO-SN-1', 'ST-WO-SN-2'] });

  const dictionaries: Record<string, readonly string[]> = {
    keys: Object.values(keys).flat(),
    versions: ['1'],
    serials,
    lots: ['ST-LOT-1'],
    orders: ['ST-WO-1'],
    stations: ['PR-01', 'SP-01'],
    groups: ['smt-printer', 'smt-spi'],
    lines: ['SMT1'],
  };
  const bindings: Record<string, string> = { key: 'keys', n: 'versions', serial: 'serials', lot: 'lots', number: 'orders', station: 'stations', group: 'groups', line: 'lines' };
  const out = ['# Written by scripts/schemathesis-seed.ts for one contract-test run.', ''];
  for (const [name, values] of Object.entries(dictionaries)) out.push(`[dictionaries.${name}]`, `values = ${toml(values)}`, '');
  out.push('[parameters]');
  for (const [param, dictionary] of Object.entries(bindings)) out.push(`"path.${param}" = { dictionary = "${dictionary}", probability = 0.5 }`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[schemathesis-seed] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
