/**
 * taktflow defs validate | diff | push | pull | publish — definitions as code: files in a git
 * repository on one side, the API on the other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffDefinitions, type DefinitionDiff } from '../../definitions/diff';
import { DEFINITION_VALIDATORS, isDefinitionKind, type DefinitionKind } from '../../definitions/kinds';
import { call, session, type Credentials } from './api-client';
import { expandFiles, localContext, readDefinitionFile, UsageError } from './files';

export interface Options extends Credentials {
  api?: string;
  meaning?: string;
  out?: string;
  note?: string;
  draft?: string;
  masterData?: string;
  lang?: 'en' | 'zh';
}

type Print = (line: string) => void;

function target(arg: string | undefined): { kind: DefinitionKind; key: string } {
  const m = /^([a-z-]+)\/([a-z0-9][a-z0-9-]{0,63})$/.exec(arg ?? '');
  if (!m || !isDefinitionKind(m[1] as string)) throw new UsageError(`expected <kind>/<key>, e.g. routing/smt-mainboard; got "${arg ?? ''}"`);
  return { kind: m[1] as DefinitionKind, key: m[2] as string };
}

/** Validates files locally (schema, semantics and, with master data at hand, references). Returns the number of findings. */
export function validate(args: string[], o: Options, print: Print): number {
  const files = expandFiles(args).map(readDefinitionFile);
  if (files.length === 0) throw new UsageError('name at least one definition file or folder');
  const ctx = localContext(files, o.masterData);
  let count = 0;
  for (const f of files) {
    const contents = f.bundle ? ((f.json as { versions?: Array<{ version: number; content: unknown }> }).versions ?? []) : [{ version: 0, content: f.json }];
    for (const { version, content } of contents) {
      const result = DEFINITION_VALIDATORS[f.kind](content, f.bundle ? undefined : ctx);
      const label = f.bundle ? `${f.path} (version ${version})` : f.path;
      if (result.ok) {
        print(`ok      ${label}`);
        continue;
      }
      count += result.findings.length;
      print(`invalid ${label}`);
      for (const x of result.findings) print(`  ${x.pointer || '/'}  ${x.code}  ${o.lang === 'zh' ? x.messageZh : x.message}`);
    }
  }
  if (!ctx.masterData) print('note: no master data given or found beside the files, so references were not checked');
  return count;
}

export async function push(args: string[], o: Options, print: Print): Promise<void> {
  const files = expandFiles(args).map(readDefinitionFile);
  if (files.length === 0) throw new UsageError('name at least one definition file or folder');
  const s = await session(o.api, o);
  for (const f of files) {
    const url = `${s.base}/definitions/${f.kind}/${f.key}`;
    if (f.bundle) {
      const r = JSON.parse((await call('POST', `${url}/import`, f.text, s.headers)).text) as { imported: number[]; skipped: number[] };
      print(`imported ${f.kind}/${f.key}: versions [${r.imported.join(', ')}] new, [${r.skipped.join(', ')}] already there`);
    } else {
      const draft = JSON.parse((await call('POST', `${url}/drafts`, f.text, s.headers)).text) as { id: string };
      print(`draft   ${f.kind}/${f.key} ${draft.id}`);
    }
  }
}

export async function publish(args: string[], o: Options, print: Print): Promise<void> {
  const { kind, key } = target(args[0]);
  const s = await session(o.api, o);
  if (!s.password) throw new UsageError('publishing is an electronic signature: sign in with --email and TAKTFLOW_PASSWORD (the password signs)');
  const signature = { password: s.password, meaning: o.meaning ?? 'approved' };
  const body = JSON.stringify({ ...(o.draft ? { draftId: o.draft } : {}), ...(o.note ? { note: o.note } : {}), signature });
  const v = JSON.parse((await call('POST', `${s.base}/definitions/${kind}/${key}/publish`, body, s.headers)).text) as { version: number; contentHash: string };
  print(`published ${kind}/${key} version ${v.version} (${v.contentHash.slice(0, 12)})`);
}

/** Writes "<key>.<kind>.export.json" (every version, exactly as the API exports it) and "<key>.<kind>.json" (the active one). */
export async function pull(args: string[], o: Options, print: Print): Promise<void> {
  const { kind, key } = target(args[0]);
  const out = o.out ?? '.';
  const s = await session(o.api, o);
  const url = `${s.base}/definitions/${kind}/${key}`;
  const bundleText = (await call('GET', `${url}/export`, undefined, s.headers)).text;
  const bundle = JSON.parse(bundleText) as { activeVersion: number | null; versions: Array<{ version: number; content: unknown }> };
  mkdirSync(out, { recursive: true });
  const bundleFile = path.join(out, `${key}.${kind}.export.json`);
  writeFileSync(bundleFile, bundleText);
  print(`wrote   ${bundleFile} (${bundle.versions.length} versions)`);
  const active = bundle.versions.find((v) => v.version === bundle.activeVersion);
  if (active) {
    const file = path.join(out, `${key}.${kind}.json`);
    writeFileSync(file, `${JSON.stringify(active.content, null, 2)}\n`);
    print(`wrote   ${file} (active version ${active.version})`);
  }
}

function printDiff(d: DefinitionDiff, print: Print): void {
  if (d.identical) {
    print('identical');
    return;
  }
  for (const c of d.changes) {
    const sign = c.op === 'added' ? '+' : c.op === 'removed' ? '-' : '~';
    print(`${sign} ${c.entity}${c.id ? ` ${c.id}` : ''}  ${c.pointer}`);
    for (const f of c.fields ?? []) print(`    ${f.pointer}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`);
    if (c.entity === 'field') print(`    ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
  }
  print(Object.entries(d.summary).map(([entity, n]) => `${entity}: +${n.added} -${n.removed} ~${n.changed}`).join(', '));
}

/** Two local files of one kind, or two versions (or draft:<id>) of a key through the API. Returns 1 when they differ. */
export async function diff(args: string[], o: Options, print: Print): Promise<number> {
  let d: DefinitionDiff;
  if (args.length === 2) {
    const [a, b] = args.map((f) => readDefinitionFile(f));
    if (!a || !b || a.bundle || b.bundle || a.kind !== b.kind) throw new UsageError('diff two content files of the same kind, or <kind>/<key> <from> <to>');
    d = diffDefinitions(a.kind, a.json, b.json);
  } else if (args.length === 3) {
    const { kind, key } = target(args[0]);
    const query = `from=${encodeURIComponent(args[1] as string)}&to=${encodeURIComponent(args[2] as string)}`;
    const s = await session(o.api, o);
    d = JSON.parse((await call('GET', `${s.base}/definitions/${kind}/${key}/diff?${query}`, undefined, s.headers)).text) as DefinitionDiff;
  } else {
    throw new UsageError('diff <fileA> <fileB>, or diff <kind>/<key> <from> <to> (a version number or draft:<id>)');
  }
  printDiff(d, print);
  return d.identical ? 0 : 1;
}
