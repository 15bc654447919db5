/** taktflow audit verify — recompute the audit trail's hash chain and name the first tampered entry. */
import { call, session, type Credentials } from './api-client';

export async function verifyAudit(o: Credentials & { api?: string }, print: (line: string) => void): Promise<number> {
  const s = await session(o.api, o);
  const r = JSON.parse((await call('GET', `${s.base}/audit-log/verify`, undefined, s.headers)).text) as {
    ok: boolean;
    checked: number;
    firstTampered?: { seq: number; reason: string };
  };
  if (r.ok) {
    print(`ok: ${r.checked} entries, chain intact`);
    return 0;
  }
  print(`TAMPERED: entry ${r.firstTampered?.seq} (${r.firstTampered?.reason}); ${r.checked} entries checked`);
  return 1;
}
