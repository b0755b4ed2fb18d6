import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { adminAllowed } from './admin/access.js';
import { handleAdmin } from './admin/routes.js';
import { parseSigV4 } from './auth.js';
import type { CallContext, Sandbox } from './context.js';
import { AwsError, isAwsError } from './errors.js';
import { injectFault, injectLatency } from './faults.js';
import { mangleReply } from './malformed.js';
import { jsonErrorReply, jsonReply } from './protocol/json.js';
import type { Reply } from './protocol/reply.js';
import { ec2ErrorReply, ec2Reply, queryErrorReply, queryReply } from './protocol/xml.js';
import { regionIndex } from './regions.js';
import { AUTOSCALING_VERSION, autoScaling } from './services/autoscaling/index.js';
import {
  CLOUDTRAIL_SDK_TARGET_PREFIX,
  CLOUDTRAIL_TARGET_PREFIX,
  cloudTrail,
} from './services/cloudtrail/index.js';
import { CLOUDWATCH_TARGET_PREFIX, cloudWatch } from './services/cloudwatch/index.js';
import { EC2_VERSION, ec2 } from './services/ec2/index.js';
import { ORGANIZATIONS_TARGET_PREFIX, organizations } from './services/organizations/index.js';
import { settlePolicyTypes } from './services/organizations/policies.js';
import { STS_VERSION, sts } from './services/sts.js';
import type { ServiceDef } from './services/types.js';

const MAX_BODY = 1024 * 1024;

/** JSON services by X-Amz-Target prefix; query services by their `Version`. */
const JSON_SERVICES: Record<string, ServiceDef<Record<string, unknown>>> = {
  [ORGANIZATIONS_TARGET_PREFIX]: organizations,
  [CLOUDWATCH_TARGET_PREFIX]: cloudWatch,
  [CLOUDTRAIL_TARGET_PREFIX]: cloudTrail,
  [CLOUDTRAIL_SDK_TARGET_PREFIX]: cloudTrail,
};
const QUERY_SERVICES: Record<string, ServiceDef<URLSearchParams>> = {
  [STS_VERSION]: sts,
  [EC2_VERSION]: ec2,
  [AUTOSCALING_VERSION]: autoScaling,
};

interface Route {
  service: ServiceDef<never>;
  operation: string;
  input: unknown;
}

export function createSandboxServer(sandbox: Sandbox, adminToken?: string): Server {
  return createServer((req, res) => {
    serve(sandbox, req, res, adminToken).catch((err: unknown) => {
      // Only a sandbox bug gets here; answer like an AWS internal error so clients see a 500.
      if (!res.headersSent) {
        write(res, randomUUID(), {
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ __type: 'InternalFailure', message: String(err) }),
        });
      } else res.destroy();
    });
  });
}

async function serve(
  sandbox: Sandbox,
  req: IncomingMessage,
  res: ServerResponse,
  adminToken: string | undefined,
): Promise<void> {
  const requestId = randomUUID();
  const body = await readBody(req);
  if (body === undefined) {
    write(res, requestId, {
      status: 413,
      contentType: 'text/plain',
      body: 'Request body too large',
    });
    return;
  }
  if (req.url?.startsWith('/_sandbox/') || req.url === '/_sandbox') {
    if (!adminAllowed(req, adminToken)) {
      write(res, requestId, {
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'The admin API needs Authorization: Bearer <admin token>.' }),
      });
      return;
    }
    write(res, requestId, handleAdmin(sandbox, req.method ?? 'GET', req.url, body));
    return;
  }
  const route = routeRequest(req, body);
  if ('status' in route) {
    write(res, requestId, route);
    return;
  }
  write(res, requestId, await call(sandbox, req, route, requestId));
}

function routeRequest(req: IncomingMessage, body: string): Route | Reply {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.lastIndexOf('.');
    const service = JSON_SERVICES[target.slice(0, dot)];
    const operation = target.slice(dot + 1);
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      input = undefined;
    }
    if (!service || input === null || typeof input !== 'object' || Array.isArray(input)) {
      return jsonErrorReply(
        new AwsError(
          'SerializationException',
          400,
          `Cannot serve ${target}: unknown target or invalid JSON body.`,
        ),
      );
    }
    return { service: service as ServiceDef<never>, operation, input };
  }
  const params = new URLSearchParams(body);
  const service = QUERY_SERVICES[params.get('Version') ?? ''];
  const operation = params.get('Action') ?? '';
  if (!service || operation === '') {
    return queryErrorReply(
      new AwsError(
        'InvalidAction',
        400,
        'The sandbox needs an X-Amz-Target header or Action and Version parameters.',
      ),
      'none',
    );
  }
  return { service: service as ServiceDef<never>, operation, input: params };
}

async function call(
  sandbox: Sandbox,
  req: IncomingMessage,
  route: Route,
  requestId: string,
): Promise<Reply> {
  const { service, operation } = route;
  const counterKey = `${service.name}:${operation}`;
  const fail = (err: AwsError): Reply => {
    sandbox.counters.record(counterKey, err.awsCode);
    return renderError(service, err, requestId);
  };
  const scope = parseSigV4(req.headers);
  if (!scope) return fail(service.authError('missing'));
  const auth = sandbox.issuer.resolve(sandbox.world, scope.accessKeyId, scope.sessionToken);
  if (!auth.ok) return fail(service.authError(auth.problem));
  const handler = service.operations[operation];
  if (!handler) return fail(service.unknownOperation(operation));
  sandbox.counters.recordCaller(
    auth.identity.accountId === sandbox.world.managementAccountId ? 'management' : 'member',
    counterKey,
  );
  const ctx: CallContext = {
    sandbox,
    requestId,
    service: service.name,
    operation,
    region: scope.region,
    regionIdx: regionIndex(scope.region),
    identity: auth.identity,
    ...(typeof req.headers['user-agent'] === 'string'
      ? { userAgent: req.headers['user-agent'] }
      : {}),
  };
  settlePolicyTypes(sandbox.world, sandbox.now());
  const refused = service.precheck?.(ctx);
  if (refused) return fail(refused);
  const entities = service.conflicts?.entities(operation, route.input as never) ?? [];
  if (service.conflicts && entities.some((e) => sandbox.modifying.has(e))) {
    return fail(service.conflicts.error());
  }
  for (const e of entities) sandbox.modifying.add(e);
  try {
    await injectLatency(ctx);
    const fault = injectFault(ctx, service);
    if (fault) return fail(fault);
    let output: unknown;
    try {
      output = handler(ctx, route.input as never);
      // Only RunInstances (SCP evaluation) is asynchronous: the others answer without a tick.
      if (output instanceof Promise) output = await output;
    } catch (err) {
      if (isAwsError(err)) return fail(err);
      throw err;
    }
    sandbox.counters.record(counterKey, undefined);
    return mangleReply(sandbox, counterKey, success(service, operation, output, requestId));
  } finally {
    for (const e of entities) sandbox.modifying.delete(e);
  }
}

function success(
  service: ServiceDef<never>,
  operation: string,
  output: unknown,
  requestId: string,
): Reply {
  if (service.render) return service.render.success(operation, output, requestId);
  if (service.protocol === 'json') return jsonReply(output);
  if (service.protocol === 'query') return queryReply(operation, String(output), requestId);
  return ec2Reply(operation, String(output), requestId);
}

function renderError(service: ServiceDef<never>, err: AwsError, requestId: string): Reply {
  if (service.render) return service.render.error(err, requestId);
  if (service.protocol === 'json') return jsonErrorReply(err);
  if (service.protocol === 'query') return queryErrorReply(err, requestId);
  return ec2ErrorReply(err, requestId);
}

function write(res: ServerResponse, requestId: string, reply: Reply): void {
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.body),
    'x-amzn-RequestId': requestId,
    ...reply.headers,
  });
  res.end(reply.body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}
