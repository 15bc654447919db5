/** taktflow users create-admin — the first admin, written straight to the database (no API needed). */
import { ensureFirstAdmin } from '../../api/use-cases/auth';
import { openStore } from '../../store';
import { UsageError } from './files';

export async function createAdmin(o: { email?: string; password?: string }, print: (line: string) => void): Promise<number> {
  if (!o.email || !o.password) throw new UsageError('create-admin needs --email and the password in TAKTFLOW_PASSWORD (at least 12 characters)');
  if (o.password.length < 12) throw new UsageError('the password must have at least 12 characters');
  const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/taktflow';
  const store = await openStore(uri);
  try {
    const result = await ensureFirstAdmin(store, o.email, o.password, process.env.TAKTFLOW_SITE || 'plant-1');
    if (result === 'exists') {
      print('error: there are users already; the first admin can only be created in an empty system (admins add users through the API)');
      return 1;
    }
    print(`created the first admin ${o.email.toLowerCase()}`);
    return 0;
  } finally {
    await store.close();
  }
}
