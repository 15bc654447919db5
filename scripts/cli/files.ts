/** Definition files in a repository: "<key>.<kind>.json" (content) and "<key>.<kind>.export.json" (bundle). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinitionFileName, type DefinitionKind } from '../../definitions/kinds';
import type { MasterData } from '../../definitions/master-data/schema';
import type { ValidationContext } from '../../definitions/validation/context';

export class UsageError extends Error {}

export interface DefinitionFile {
  path: string;
  key: string;
  kind: DefinitionKind;
  bundle: boolean;
  /** The file's exact text, for byte-level comparisons. */
  text: string;
  json: unknown;
}

export function readDefinitionFile(file: string): DefinitionFile {
  const name = parseDefinitionFileName(path.basename(file));
  if (!name) throw new UsageError(`${file}: name it "<key>.<kind>.json" or "<key>.<kind>.export.json" (kinds: routing, alert-rule, escalation-policy, master-data)`);
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
  }
  return { path: file, ...name, text, json };
}

/** Files named on the command line; a directory stands for every definition file in it. */
export function expandFiles(args: string[]): string[] {
  return args.flatMap((arg) => {
    try {
      return readdirSync(arg)
        .filter((f) => parseDefinitionFileName(f))
        .sort()
        .map((f) => path.join(arg, f));
    } catch {
      return [arg];
    }
  });
}

/**
 * What reference checks look things up in: the master data given with --master-data, or the one
 * "*.master-data.json" beside the files; and the escalation policies beside them.
 */
export function localContext(files: DefinitionFile[], masterDataFile?: string): ValidationContext {
  const dirs = [...new Set(files.map((f) => path.dirname(f.path)))];
  const siblings = dirs.flatMap((d) => expandFiles([d]).map((f) => ({ f, name: parseDefinitionFileName(path.basename(f)) })));
  const masterFiles = masterDataFile ? [masterDataFile] : siblings.filter((s) => s.name?.kind === 'master-data' && !s.name.bundle).map((s) => s.f);
  const policies = siblings.filter((s) => s.name?.kind === 'escalation-policy' && !s.name.bundle).map((s) => s.name?.key as string);
  const ctx: ValidationContext = { escalationPolicies: new Set(policies) };
  if (masterFiles.length === 1) ctx.masterData = JSON.parse(readFileSync(masterFiles[0] as string, 'utf8')) as MasterData;
  if (masterFiles.length > 1) throw new UsageError(`several master-data files beside the definitions (${masterFiles.join(', ')}): name one with --master-data`);
  return ctx;
}
