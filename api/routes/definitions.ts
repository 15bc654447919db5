import { Router } from 'express';
import type { DefinitionUseCases } from '../use-cases/definitions';
import { actorOf } from '../http/actor';

export function definitionRoutes(defs: DefinitionUseCases): Router {
  const r = Router();
  r.post('/definitions/:kind/:key/drafts', async (req, res) => {
    const draft = await defs.createDraft(req.params.kind, req.params.key, req.body, actorOf(req));
    res.status(201).location(`${req.baseUrl}/definitions/${draft.kind}/${draft.key}/drafts/${draft.id}`).json(draft);
  });
  r.post('/definitions/:kind/:key/publish', async (req, res) => {
    const v = await defs.publish(req.params.kind, req.params.key, req.body, actorOf(req));
    const { content, ...meta } = v;
    void content;
    res.status(201).location(`${req.baseUrl}/definitions/${v.kind}/${v.key}/versions/${v.version}`).json(meta);
  });
  r.get('/definitions/:kind/:key/versions/:n', async (req, res) => {
    res.json(await defs.version(req.params.kind, req.params.key, req.params.n));
  });
  return r;
}
