import { Router } from 'express';
import type { UnitUseCases } from '../use-cases/units';

export function unitRoutes(units: UnitUseCases): Router {
  const r = Router();
  r.post('/units', async (req, res) => {
    const unit = await units.release(req.body);
    res.status(201).location(`${req.baseUrl}/units/${encodeURIComponent(unit.serial)}`).json(unit);
  });
  r.get('/units/:serial', async (req, res) => {
    res.json(await units.get(req.params.serial));
  });
  r.post('/units/:serial/actions', async (req, res) => {
    res.json(await units.act(req.params.serial, req.body, req.get('Idempotency-Key')));
  });
  r.get('/units/:serial/trace', async (req, res) => {
    res.json(await units.trace(req.params.serial));
  });
  return r;
}
