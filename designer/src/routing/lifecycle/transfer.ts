/**
 * Import and export as JSON files: a routing document (what the designer edits), or a definition
 * bundle (every version of a key, the API's export format).
 */
import type { DefinitionBundle } from '../../../../definitions/bundle';
import type { Routing } from '../../../../definitions/routing/schema';

export function download(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type Imported = { type: 'routing'; routing: Routing } | { type: 'bundle'; bundle: DefinitionBundle };

/** Why a file cannot be imported: an i18n key (routing.import.*) and its placeholders. */
export class ImportError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string>,
  ) {
    super(`${key} ${JSON.stringify(vars)}`);
    this.name = 'ImportError';
  }
}

/** Reads a JSON file as a routing or a bundle; throws ImportError otherwise. */
export async function readImport(file: File): Promise<Imported> {
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch (e) {
    throw new ImportError('routing.import.notJson', { file: file.name, reason: e instanceof Error ? e.message : String(e) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ImportError('routing.import.notObject', { file: file.name });
  const o = value as Record<string, unknown>;
  if (o.format === 'taktflow.definition-bundle/1') {
    if (o.kind !== 'routing') throw new ImportError('routing.import.wrongKind', { file: file.name, kind: String(o.kind) });
    return { type: 'bundle', bundle: value as DefinitionBundle };
  }
  if (!Array.isArray(o.steps)) throw new ImportError('routing.import.unknown', { file: file.name });
  return { type: 'routing', routing: value as Routing };
}
