import { epochSeconds } from '../../protocol/json.js';
import type { SbAccount, SbPolicy, World } from '../../state/world.js';

/** JSON shapes of Organizations outputs (aws-wire-protocols.md §7.1). */
export function accountShape(world: World, a: SbAccount): Record<string, unknown> {
  return {
    Id: a.id,
    Arn: world.accountArn(a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status,
    JoinedMethod: a.id === world.managementAccountId ? 'INVITED' : 'CREATED',
    JoinedTimestamp: epochSeconds(a.joined * 1000),
  };
}

export function rootShape(world: World): Record<string, unknown> {
  return {
    Id: world.rootId,
    Arn: world.rootArn(),
    Name: world.rootName,
    PolicyTypes: [...world.policyTypes].map(([Type, Status]) => ({ Type, Status })),
  };
}

export function ouShape(world: World, id: string): Record<string, unknown> {
  const ou = world.ous.get(id);
  const path = world
    .pathTo(id)
    .map((p) => `${p}/`)
    .join('');
  return { Id: id, Arn: world.ouArn(id), Name: ou?.name, Path: `${world.organizationId}/${path}` };
}

export function policySummary(world: World, p: SbPolicy): Record<string, unknown> {
  return {
    Id: p.id,
    Arn: world.policyArn(p),
    Name: p.name,
    Description: p.description,
    Type: p.type,
    AwsManaged: p.awsManaged,
  };
}

export function policyShape(world: World, p: SbPolicy): Record<string, unknown> {
  return { PolicySummary: policySummary(world, p), Content: p.content };
}
