/** Small routings the dispatch and bulk-disposition suites publish: independent of the SMT example's data rules. */
import type { Routing } from '../../definitions/routing/schema';
import { ADMIN, http, type Auth } from './stack';

export const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

/** Board part of the example master data; the first step may scan it with its supplier lot. */
export const BOARD = 'PCB-A100';

/** `first` at `group`, then pack; the first step takes a board whose supplier lot is scanned. */
export function twoStepRouting(first: string, group: string): Routing {
  return {
    name: `Two steps: ${first}, pack`,
    mode: 'unit',
    entry: first,
    steps: [
      {
        id: first,
        name: first,
        kind: 'operation',
        stationGroup: group,
        components: [{ name: 'Board', quantity: 1, captureSupplierLot: true, partNumbers: [{ partNumbers: [BOARD] }] }],
      },
      { id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' },
    ],
    transitions: [{ from: first, to: 'pack', on: 'pass' }],
  } as unknown as Routing;
}

/** Saves and publishes a definition as the admin; fails the test when either is refused. */
export async function publish(url: string, admin: Auth, kind: 'routing' | 'master-data', key: string, content: unknown): Promise<void> {
  const draft = await http('POST', `${url}/definitions/${kind}/${key}/drafts`, content, admin);
  if (draft.status !== 201) throw new Error(`draft of ${kind} ${key}: ${draft.status} ${JSON.stringify(draft.body)}`);
  const published = await http('POST', `${url}/definitions/${kind}/${key}/publish`, SIGNED, admin);
  if (published.status !== 201) throw new Error(`publish of ${kind} ${key}: ${published.status} ${JSON.stringify(published.body)}`);
}
