/** Handlers of the andon board: the open calls of a line, and its server-sent events. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import type { AndonUseCases } from '../use-cases/andon';

const HEARTBEAT_MS = 15_000;

export function andonHandlers(andon: AndonUseCases, options: { pollMs?: number } = {}): Record<string, Handler> {
  return {
    getAndonBoard: async ({ params, principal }) => ({ status: 200, body: await andon.board(params.line as string, principal as Principal) }),

    /** Like /stream: resumes after Last-Event-ID, or starts from now; a heartbeat comment every 15 s. */
    streamAndon: async ({ req, res, params, principal }) => {
      const who = principal as Principal;
      const line = params.line as string;
      andon.assertSees(line, who);
      let last: string = req.get('Last-Event-ID') ?? (await andon.position());
      res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      res.write(`retry: 2000\n\n`);
      let open = true;
      req.on('close', () => (open = false));
      const pollMs = options.pollMs ?? 500;
      let sinceHeartbeat = 0;
      while (open) {
        const read = await andon.readAfter(line, last, who).catch(() => ({ events: [], last }));
        last = read.last;
        for (const e of read.events) res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...(e.data as object), line: e.line, at: e.at })}\n\n`);
        sinceHeartbeat += pollMs;
        if (sinceHeartbeat >= HEARTBEAT_MS) {
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
