/** Who is calling: a signed-in user or an API key, with roles and the sites and lines it may touch. */
import type { Role } from '../contract/permissions';

export interface Principal {
  id: string;
  name: string;
  kind: 'user' | 'api-key';
  roles: Role[];
  sites: string[];
  /** Line ids, or '*' for every line. */
  lines: string[];
}

export function seesLine(p: Principal, line: string): boolean {
  return p.lines.includes('*') || p.lines.includes(line);
}

export function seesSite(p: Principal, site: string): boolean {
  return p.sites.includes('*') || p.sites.includes(site);
}
