/** Handlers of the definition operations, one set per kind (operation ids like createRoutingDraft). */
import { DEFINITION_KINDS } from '../../definitions/kinds';
import { finding } from '../../definitions/validation/finding';
import type { Version } from '../../store';
import type { Handler, HandlerContext } from '../contract/router';
import { camel } from '../contract/paths';
import { AppError } from '../http/errors';
import { paginate } from '../http/pagination';
import type { AuthUseCases } from '../use-cases/auth';
import type { DefinitionUseCases } from '../use-cases/definitions';

const actor = (ctx: HandlerContext): string => ctx.principal?.id ?? 'anonymous';
const meta = ({ content, ...rest }: Version): Omit<Version, 'content'> => {
  void content;
  return rest;
};

export function definitionHandlers(defs: DefinitionUseCases, auth: AuthUseCases): Record<string, Handler> {
  const { drafts, versions, transfer } = defs;
  const out: Record<string, Handler> = {};
  for (const kind of DEFINITION_KINDS) {
    const K = camel(kind);
    const base = (key: string): string => `/api/v1/definitions/${kind}/${key}`;
    const resource = (key: string, suffix = '') => ({ kind: 'definition', id: `${kind}:${key}${suffix}` });
    Object.assign(out, {
      [`list${K}Keys`]: async ({ query }) => ({ status: 200, body: paginate(await versions.keys(kind), (h) => h.key, query) }),
      [`get${K}`]: async ({ params }) => ({ status: 200, body: await versions.summary(kind, params.key as string) }),
      [`create${K}Draft`]: async (ctx) => {
        const draft = await drafts.create(kind, ctx.params.key as string, ctx.body, actor(ctx));
        ctx.audit = { resource: resource(draft.key, `/drafts/${draft.id}`), after: draft.content };
        return { status: 201, body: draft, headers: { Location: `${base(draft.key)}/drafts/${draft.id}`, ETag: `"${draft.revision}"` } };
      },
      [`list${K}Drafts`]: async ({ params, query }) => ({ status: 200, body: paginate(await drafts.list(kind, params.key as string), (d) => d.id, query) }),
      [`get${K}Draft`]: async ({ params }) => {
        const draft = await drafts.get(kind, params.key as string, params.id as string);
        return { status: 200, body: draft, headers: { ETag: `"${draft.revision}"` } };
      },
      [`update${K}Draft`]: async (ctx) => {
        const before = await drafts.get(kind, ctx.params.key as string, ctx.params.id as string);
        const draft = await drafts.update(kind, ctx.params.key as string, ctx.params.id as string, ctx.body, actor(ctx), ctx.req.get('If-Match'));
        ctx.audit = { resource: resource(draft.key, `/drafts/${draft.id}`), before: before.content, after: draft.content };
        return { status: 200, body: draft, headers: { ETag: `"${draft.revision}"` } };
      },
      [`delete${K}Draft`]: async (ctx) => {
        const before = await drafts.get(kind, ctx.params.key as string, ctx.params.id as string);
        await drafts.remove(kind, ctx.params.key as string, ctx.params.id as string, actor(ctx));
        ctx.audit = { resource: resource(before.key, `/drafts/${before.id}`), before: before.content };
        return { status: 204 };
      },
      [`publish${K}`]: async (ctx) => {
        const signature = await signatureOf(ctx, auth);
        const version = await versions.publish(kind, ctx.params.key as string, ctx.body, actor(ctx), signature);
        ctx.audit = { resource: resource(version.key, `@${version.version}`), after: meta(version), signature, reason: version.note };
        return { status: 201, body: meta(version), headers: { Location: `${base(version.key)}/versions/${version.version}` } };
      },
      [`list${K}Versions`]: async ({ params, query }) => ({
        status: 200,
        body: paginate((await versions.summary(kind, params.key as string)).versions, (v) => String(v.version), query),
      }),
      [`get${K}Version`]: async ({ params }) => ({ status: 200, body: await versions.version(kind, params.key as string, params.n as string) }),
      [`put${K}Version`]: async ({ params }) => versions.refuseChange(kind, params.key as string, params.n as string),
      [`patch${K}Version`]: async ({ params }) => versions.refuseChange(kind, params.key as string, params.n as string),
      [`delete${K}Version`]: async ({ params }) => versions.refuseChange(kind, params.key as string, params.n as string),
      [`retire${K}Version`]: async (ctx) => {
        const summary = await versions.retire(kind, ctx.params.key as string, ctx.params.n as string, ctx.body, actor(ctx));
        ctx.audit = { resource: resource(summary.key, `@${ctx.params.n}`), after: { status: 'retired' }, reason: (ctx.body as { reason?: string } | undefined)?.reason ?? null };
        return { status: 200, body: summary };
      },
      [`diff${K}`]: async ({ params, query }) => ({ status: 200, body: await versions.diff(kind, params.key as string, query.from, query.to) }),
      [`audit${K}`]: async ({ params, query }) => ({
        status: 200,
        body: paginate(await versions.audit(kind, params.key as string), (e) => e.id, query),
      }),
      [`export${K}`]: async ({ params }) => ({
        status: 200,
        text: await transfer.exportKey(kind, params.key as string),
        headers: { 'Content-Disposition': `attachment; filename="${params.key}.${kind}.export.json"` },
      }),
      [`import${K}`]: async (ctx) => {
        const result = await transfer.importKey(kind, ctx.params.key as string, ctx.body, actor(ctx));
        ctx.audit = { resource: resource(ctx.params.key as string), after: result };
        return { status: 200, body: result };
      },
    } satisfies Record<string, Handler>);
  }
  Object.assign(out, {
    getActiveMasterData: async () => ({ status: 200, body: await activeMasterData(defs) }),
    listMasterData: async ({ params, query }) => {
      const md = (await activeMasterData(defs)) as Record<string, Array<Record<string, unknown>> | undefined>;
      const items = md[params.collection as string] ?? [];
      return { status: 200, body: paginate(items, (i) => String(i.id ?? i.partNumber ?? i.code), query) };
    },
  } satisfies Record<string, Handler>);
  return out;
}

async function activeMasterData(defs: DefinitionUseCases): Promise<unknown> {
  const site = defs.siteKey;
  const active = await defs.versions.active('master-data', site);
  if (!active) throw AppError.notFound(`published master data of site ${site}`);
  return active.content;
}

/**
 * Publishing is an electronic signature: the signer re-enters the password and states the
 * meaning. Only people sign; an API key cannot.
 */
async function signatureOf(ctx: HandlerContext, auth: AuthUseCases): Promise<Version['signature']> {
  const p = ctx.principal;
  const sig = (ctx.body as { signature?: { password: string; meaning: string } } | undefined)?.signature;
  if (!p || p.kind !== 'user') throw new AppError(403, 'signature-requires-user', 'Only a person can sign', 'publishing is an electronic signature; sign in as a user to publish');
  if (!sig) throw AppError.invalid('Signature required', [finding('/signature', 'schema.required', { en: 'signature is required', zh: '缺少必填项 signature' })]);
  const user = await auth.checkPassword(p.id, sig.password);
  if (!user) {
    throw AppError.invalid('Signature not valid', [finding('/signature/password', 'signature.invalid', { en: 'the password does not match the signed-in user', zh: '密码与当前登录用户不符' })]);
  }
  return { signedBy: user.id, name: user.name, meaning: sig.meaning, at: new Date() };
}
