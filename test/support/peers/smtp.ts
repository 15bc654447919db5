/**
 * A real SMTP server on loopback (smtp-server, port 0): parses every mail with mailparser and
 * records it. It can refuse the first N sessions (421 at connect, as a busy server does) and be
 * stopped and started again on the same port (server down, server back).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface SmtpPeer {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Sessions opened so far (refused ones included). */
  sessions: number;
  /** Refuse the next `n` sessions with `code` (421 by default). */
  refuseNext(n: number, code?: number): void;
  /** Resolves when `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  let refuse = 0;
  let refuseCode = 421;
  let server: SMTPServer | null = null;
  const state = { sessions: 0 };

  const create = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect(_session, callback) {
        state.sessions += 1;
        if (refuse > 0) {
          refuse -= 1;
          return callback(Object.assign(new Error('Service not available, try again later'), { responseCode: refuseCode }));
        }
        callback();
      },
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers,
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server = create();
      server.on('error', () => undefined);
      const s = server.server;
      s.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });

  const port = await listen(0);
  const peer: SmtpPeer = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    get sessions() {
      return state.sessions;
    },
    refuseNext(n, code = 421) {
      refuse = n;
      refuseCode = code;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    async restart() {
      await listen(port);
    },
  };
  return peer;
}
