import type { ImdsDefaults } from '../../core/model/types.js';
import type { Sandbox } from '../context.js';
import { setMalformed } from '../malformed.js';
import type { Reply } from '../protocol/reply.js';
import { regionIndex, regionNames, withRegion } from '../regions.js';
import { readDefaults } from '../services/ec2/imds.js';
import { sanitizeImds } from '../state/imds.js';
import {
  NETWORK_LAYOUTS,
  type NetworkLayout,
  regionNetwork,
  setNetworkLayout,
} from '../state/network.js';
import type { RoleSpec, SbAccount } from '../state/world.js';
import type { AdminAccount, AdminImds, AdminPolicy } from './types.js';
import { checkFaultPatch, checkName, checkRoles } from './validate.js';

class AdminError {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

function ok(value: unknown): Reply {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(value ?? {}) };
}

function parse(body: string): Record<string, unknown> {
  if (body === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {}
  throw new AdminError(400, 'The body must be a JSON object.');
}

function account(sandbox: Sandbox, id: string): SbAccount {
  const found = sandbox.world.accounts.get(id);
  if (!found) throw new AdminError(404, `No account ${id} in the sandbox.`);
  return found;
}

function region(name: string): number {
  const index = regionIndex(name);
  if (index < 0) throw new AdminError(404, `Unknown region ${name}.`);
  return index;
}

function describeAccount(sandbox: Sandbox, a: SbAccount): AdminAccount {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    status: a.status,
    parentId: a.parentId,
    path: sandbox.world.ouPath(a.parentId),
    enabledRegions: regionNames(a.regions),
    roles: a.roles.map((r) => ({ ...r })),
  };
}

function imds(sandbox: Sandbox, a: SbAccount, index: number): AdminImds {
  const effective = readDefaults(sandbox.world, a, index);
  return { account: sandbox.world.getImds(a, index), effective };
}

/**
 * The admin API under /_sandbox/ (AWS never uses the path): JSON in, JSON out. Documented in
 * SPEC.md; the typed client is admin/client.ts.
 */
export function handleAdmin(sandbox: Sandbox, method: string, url: string, body: string): Reply {
  try {
    return route(sandbox, method, new URL(url, 'http://sandbox').pathname, body);
  } catch (err) {
    if (err instanceof AdminError) {
      return {
        status: err.status,
        contentType: 'application/json',
        body: JSON.stringify({ error: err.message }),
      };
    }
    throw err;
  }
}

function route(sandbox: Sandbox, method: string, path: string, body: string): Reply {
  const { world } = sandbox;
  const parts = path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [head, id, sub, regionName, leaf] = parts;
  const named = head === 'accounts' || head === 'ous';
  const key = `${method} ${[head, id && (named ? ':id' : id), sub, regionName && ':region', leaf].filter(Boolean).join('/')}`;
  switch (key) {
    case 'GET info':
      return ok({
        organizationId: world.organizationId,
        rootId: world.rootId,
        managementAccountId: world.managementAccountId,
        accounts: world.accounts.size,
        ous: world.ous.size,
        policies: world.policies.size,
      });
    case 'GET accounts':
      return ok([...world.accounts.values()].map((a) => describeAccount(sandbox, a)));
    case 'GET accounts/:id':
      return ok(describeAccount(sandbox, account(sandbox, id!)));
    case 'PUT accounts/:id': {
      const a = account(sandbox, id!);
      const patch = parse(body);
      // Every field is checked before any is applied: a 400 changes nothing.
      const statuses = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'];
      if (patch.status !== undefined && !statuses.includes(String(patch.status))) {
        throw new AdminError(400, 'status must be ACTIVE, SUSPENDED or PENDING_CLOSURE.');
      }
      const problem =
        (patch.name !== undefined ? checkName(patch.name) : undefined) ??
        (patch.roles !== undefined ? checkRoles(patch.roles) : undefined);
      if (problem) throw new AdminError(400, problem);
      if (patch.status !== undefined) a.status = patch.status as SbAccount['status'];
      if (patch.name !== undefined) a.name = patch.name as string;
      if (patch.roles !== undefined) a.roles = (patch.roles as RoleSpec[]).map((r) => ({ ...r }));
      world.version++;
      return ok(describeAccount(sandbox, a));
    }
    case 'PUT ous/:id': {
      const ou = world.ous.get(id!);
      if (!ou) throw new AdminError(404, `No OU ${id} in the sandbox.`);
      const { name } = parse(body);
      const problem = checkName(name);
      if (problem) throw new AdminError(400, problem);
      ou.name = name as string;
      world.version++;
      return ok({ ...ou });
    }
    case 'GET accounts/:id/regions/:region/imds': {
      return ok(imds(sandbox, account(sandbox, id!), region(regionName!)));
    }
    case 'PUT accounts/:id/regions/:region/imds': {
      const a = account(sandbox, id!);
      const index = region(regionName!);
      world.setImds(a, index, sanitizeImds(parse(body) as ImdsDefaults));
      return ok(imds(sandbox, a, index));
    }
    case 'GET accounts/:id/regions/:region/network': {
      const a = account(sandbox, id!);
      region(regionName!);
      return ok(regionNetwork(world, a.id, regionName!));
    }
    case 'PUT accounts/:id/regions/:region/network': {
      const a = account(sandbox, id!);
      region(regionName!);
      const { layout } = parse(body);
      if (!NETWORK_LAYOUTS.includes(layout as NetworkLayout)) {
        throw new AdminError(
          400,
          `Send {"layout": ${NETWORK_LAYOUTS.map((l) => `"${l}"`).join('|')}}.`,
        );
      }
      setNetworkLayout(world, a.id, regionName!, layout as NetworkLayout);
      return ok(regionNetwork(world, a.id, regionName!));
    }
    case 'PUT accounts/:id/regions/:region': {
      const a = account(sandbox, id!);
      const enabled = parse(body).enabled;
      if (typeof enabled !== 'boolean') throw new AdminError(400, 'Send {"enabled": true|false}.');
      a.regions = withRegion(a.regions, region(regionName!), enabled);
      return ok(describeAccount(sandbox, a));
    }
    case 'GET policies':
      return ok(
        [...world.policies.values()].map(
          (p): AdminPolicy => ({
            id: p.id,
            name: p.name,
            type: p.type,
            description: p.description,
            awsManaged: p.awsManaged,
            content: p.content,
            targets: [...world.targetsOf(p.id)],
          }),
        ),
      );
    case 'GET attachments':
      return ok(Object.fromEntries(world.attachments));
    case 'GET counters':
      return ok(sandbox.counters.snapshot());
    case 'POST counters/reset':
      sandbox.counters.reset();
      return ok({});
    case 'PUT malformed': {
      const setting = setMalformed(sandbox, parse(body));
      if (typeof setting === 'string') throw new AdminError(400, setting);
      return ok(setting);
    }
    case 'GET faults':
      return ok(sandbox.faults);
    case 'PUT faults': {
      const checked = checkFaultPatch(parse(body));
      if ('problem' in checked) throw new AdminError(400, checked.problem);
      Object.assign(sandbox.faults, checked.patch);
      sandbox.buckets.clear();
      return ok(sandbox.faults);
    }
    case 'POST credentials/expire':
      sandbox.issuer.expireAll();
      return ok({});
    default:
      throw new AdminError(404, `No admin route ${method} ${path}. See src/sandbox/SPEC.md.`);
  }
}
