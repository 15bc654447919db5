/**
 * The taktflow command line. `taktflow defs <command>`; run `taktflow help` for the list.
 */
import { ApiError } from './api-client';
import { diff, pull, publish, push, validate, type Options } from './defs';
import { UsageError } from './files';
import { verifyAudit } from './audit';
import { createAdmin } from './users';

const USAGE = `usage: taktflow defs <command> [arguments] [options]
       taktflow audit verify              check the audit trail's hash chain; names the first tampered entry
       taktflow users create-admin --email EMAIL   the first admin (password in $TAKTFLOW_PASSWORD; uses $MONGODB_URI)

  validate <file|folder>...        check definition files: schema, meaning, and references
                                   (to the *.master-data.json beside them, or --master-data FILE)
  push <file|folder>...            send files to the API: <key>.<kind>.json becomes a draft,
                                   <key>.<kind>.export.json is imported with all its versions
  publish <kind>/<key>             publish the latest draft (--draft ID for another, --note TEXT)
  diff <fileA> <fileB>             structured diff of two files of one kind (exit 1 when they differ)
  diff <kind>/<key> <from> <to>    the same between two versions (or draft:<id>) through the API
  pull <kind>/<key>                write <key>.<kind>.export.json and the active <key>.<kind>.json
                                   into --out DIR (default: here)

options: --api URL (default $TAKTFLOW_API or http://127.0.0.1:$TAKTFLOW_PORT|8080), --lang en|zh,
         --meaning approved|reviewed|authored|responsible (publish; default approved)
sign-in: --api-key KEY ($TAKTFLOW_API_KEY), --token TOKEN ($TAKTFLOW_TOKEN), or --email EMAIL ($TAKTFLOW_EMAIL)
         with the password in $TAKTFLOW_PASSWORD (publishing needs email + password: it is a signature)
kinds: routing, alert-rule, escalation-policy, master-data`;

function parse(argv: string[]): { positional: string[]; options: Options } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const names: Record<string, keyof Options> = {
    '--api': 'api', '--out': 'out', '--note': 'note', '--draft': 'draft', '--master-data': 'masterData', '--lang': 'lang',
    '--api-key': 'apiKey', '--token': 'token', '--email': 'email', '--meaning': 'meaning',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') ? (arg.split('=', 2) as [string, string | undefined]) : [arg, undefined];
    if (flag in names) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      options[names[flag] as string] = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (options.lang && options.lang !== 'en' && options.lang !== 'zh') throw new UsageError('--lang is en or zh');
  const env = process.env;
  options.apiKey ??= env.TAKTFLOW_API_KEY ?? '';
  options.token ??= env.TAKTFLOW_TOKEN ?? '';
  options.email ??= env.TAKTFLOW_EMAIL ?? '';
  options.password ??= env.TAKTFLOW_PASSWORD ?? '';
  for (const k of ['apiKey', 'token', 'email', 'password']) if (!options[k]) delete options[k];
  return { positional, options: options as Options };
}

export async function run(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  try {
    const { positional, options } = parse(argv);
    const [group, command, ...args] = positional;
    if (group === 'help' || group === undefined) {
      print(USAGE);
      return group === undefined ? 2 : 0;
    }
    if (group === 'audit' && command === 'verify') return await verifyAudit(options, print);
    if (group === 'users' && command === 'create-admin') return await createAdmin(options, print);
    if (group !== 'defs') throw new UsageError(`unknown command "${group}"`);
    switch (command) {
      case 'validate':
        return validate(args, options, print) > 0 ? 1 : 0;
      case 'push':
        await push(args, options, print);
        return 0;
      case 'publish':
        await publish(args, options, print);
        return 0;
      case 'diff':
        return await diff(args, options, print);
      case 'pull':
        await pull(args, options, print);
        return 0;
      default:
        throw new UsageError(`unknown defs command "${command ?? ''}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      print(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ApiError) {
      print(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  run(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
