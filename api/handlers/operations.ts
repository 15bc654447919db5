/** Health, the contract itself, and the live stream. */
import type { Client } from '@temporalio/client';
import type { Store } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { openApiDocument } from '../contract/document';
import type { Handler } from '../contract/router';

const TIMEOUT_MS = 2_000;

async function temporalOk(temporal: Client): Promise<boolean> {
  try {
    await temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () => temporal.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}

async function mongoOk(store: Store): Promise<boolean> {
  try {
    await store.ping(TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

export function operationHandlers(deps: { store: Store; temporal: Client; siteKey: string; pollMs?: number }): Record<string, Handler> {
  return {
    getHealth: async () => {
      const [t, m] = await Promise.all([temporalOk(deps.temporal), mongoOk(deps.store)]);
      const ok = t && m;
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', temporal: { ok: t }, mongo: { ok: m } } };
    },
    getOpenApi: async () => ({ status: 200, body: openApiDocument() }),

    /** Server-sent events from the stream log, filtered to the caller's site and lines; resumable. */
    stream: async ({ req, res, query, principal }) => {
      const who = principal as Principal;
      const wanted = query.lines ? new Set(query.lines.split(',')) : undefined;
      // Resume after the client's last event, or start from now.
      let last: string = req.get('Last-Event-ID') ?? (await deps.store.stream.position());
      res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      res.write(`retry: 2000\n\n`);
      let open = true;
      req.on('close', () => (open = false));
      const pollMs = deps.pollMs ?? 500;
      let sinceHeartbeat = 0;
      while (open) {
        const events = await deps.store.stream.readAfter(last, 500).catch(() => []);
        for (const e of events) {
          last = e.id;
          const visible = seesSite(who, e.site ?? deps.siteKey) && (e.line === null || seesLine(who, e.line)) && (!wanted || (e.line !== null && wanted.has(e.line)));
          if (visible) res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...(e.data as object), line: e.line, at: e.at })}\n\n`);
        }
        sinceHeartbeat += pollMs;
        if (sinceHeartbeat >= 15_000) {
          res.write(`: heartbeat\n\n`);
          sinceHeartbeat = 0;
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
      res.end();
      return 'streamed';
    },
  };
}
