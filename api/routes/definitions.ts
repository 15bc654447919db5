import { Router } from 'express';
import type { DefinitionUseCases } from '../use-cases/definitions';
import { actorOf } from '../http/actor';

const BASE = '/definitions/:kind/:key';

export function definitionRoutes(defs: DefinitionUseCases): Router {
  const { drafts, versions, transfer } = defs;
  const r = Router();

  r.get('/definitions/:kind', async (req, res) => {
    res.json({ items: await versions.keys(req.params.kind) });
  });
  r.get(BASE, async (req, res) => {
    res.json(await versions.summary(req.params.kind, req.params.key));
  });

  r.post(`${BASE}/drafts`, async (req, res) => {
    const draft = await drafts.create(req.params.kind, req.params.key, req.body, actorOf(req));
    res.status(201).location(`${req.baseUrl}/definitions/${draft.kind}/${draft.key}/drafts/${draft.id}`).set('ETag', `"${draft.revision}"`).json(draft);
  });
  r.get(`${BASE}/drafts`, async (req, res) => {
    res.json({ items: await drafts.list(req.params.kind, req.params.key) });
  });
  r.get(`${BASE}/drafts/:id`, async (req, res) => {
    const draft = await drafts.get(req.params.kind, req.params.key, req.params.id);
    res.set('ETag', `"${draft.revision}"`).json(draft);
  });
  r.put(`${BASE}/drafts/:id`, async (req, res) => {
    const draft = await drafts.update(req.params.kind, req.params.key, req.params.id, req.body, actorOf(req), req.get('If-Match'));
    res.set('ETag', `"${draft.revision}"`).json(draft);
  });
  r.delete(`${BASE}/drafts/:id`, async (req, res) => {
    await drafts.remove(req.params.kind, req.params.key, req.params.id, actorOf(req));
    res.status(204).end();
  });

  r.post(`${BASE}/publish`, async (req, res) => {
    const { content, ...meta } = await versions.publish(req.params.kind, req.params.key, req.body, actorOf(req));
    void content;
    res.status(201).location(`${req.baseUrl}/definitions/${meta.kind}/${meta.key}/versions/${meta.version}`).json(meta);
  });
  r.get(`${BASE}/versions`, async (req, res) => {
    res.json({ items: (await versions.summary(req.params.kind, req.params.key)).versions });
  });
  r.get(`${BASE}/versions/:n`, async (req, res) => {
    res.json(await versions.version(req.params.kind, req.params.key, req.params.n));
  });
  for (const method of ['put', 'patch', 'delete'] as const) {
    r[method](`${BASE}/versions/:n`, async (req) => versions.refuseChange(req.params.kind, req.params.key, req.params.n));
  }
  r.post(`${BASE}/versions/:n/retire`, async (req, res) => {
    res.json(await versions.retire(req.params.kind, req.params.key, req.params.n, req.body, actorOf(req)));
  });
  r.get(`${BASE}/diff`, async (req, res) => {
    res.json(await versions.diff(req.params.kind, req.params.key, req.query.from, req.query.to));
  });
  r.get(`${BASE}/audit`, async (req, res) => {
    res.json({ items: await versions.audit(req.params.kind, req.params.key) });
  });

  r.get(`${BASE}/export`, async (req, res) => {
    const text = await transfer.exportKey(req.params.kind, req.params.key);
    res
      .type('application/json')
      .set('Content-Disposition', `attachment; filename="${req.params.key}.${req.params.kind}.export.json"`)
      .send(text);
  });
  r.post(`${BASE}/import`, async (req, res) => {
    res.json(await transfer.importKey(req.params.kind, req.params.key, req.body, actorOf(req)));
  });
  return r;
}
