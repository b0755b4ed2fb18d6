import { AwsError } from '../../errors.js';
import type { Reply } from '../../protocol/reply.js';
import { workloadsOf } from '../../state/workloads.js';
import { regionNotEnabled, tokenAuthError, unknownAction } from '../common-auth.js';
import type { JsonInput, ServiceDef } from '../types.js';
import { getMetricData } from './get-metric-data.js';
import { listMetrics } from './list-metrics.js';

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801';

const JSON_10 = 'application/x-amz-json-1.0';

/** Query error code → the modelled JSON `__type` (aws-wire-protocols.md §9, CloudWatch). */
const TYPES: Record<string, string> = {
  InvalidParameterValue: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
  InvalidParameterCombination: 'com.amazonaws.cloudwatch#InvalidParameterCombinationException',
  MissingParameter: 'com.amazonaws.cloudwatch#MissingRequiredParameterException',
  InvalidNextToken: 'com.amazonaws.cloudwatch#InvalidNextToken',
  InternalServiceError: 'com.amazonaws.cloudwatch#InternalServiceFault',
  AccessDenied: 'AccessDeniedException',
  Throttling: 'ThrottlingException',
};

/**
 * Amazon CloudWatch as the current SDK speaks it: JSON 1.0 with `X-Amz-Target:
 * GraniteServiceVersion20100801.<Op>`, query-compatible errors (`x-amzn-query-error:
 * Code;Sender`). Metrics are the seeded per-instance series of the workloads state.
 */
export const cloudWatch: ServiceDef<JsonInput> = {
  name: 'monitoring',
  protocol: 'json',
  regionalBuckets: true,
  operations: { GetMetricData: getMetricData, ListMetrics: listMetrics },
  authError: tokenAuthError,
  unknownOperation: (operation) => unknownAction(operation, '2010-08-01'),
  precheck(ctx) {
    const regionProblem = regionNotEnabled(ctx);
    if (regionProblem) return regionProblem;
    if (workloadsOf(ctx.sandbox.world).cloudWatchDenied.has(ctx.identity.accountId)) {
      return new AwsError(
        'AccessDenied',
        403,
        `User: ${ctx.identity.arn} is not authorized to perform: cloudwatch:${ctx.operation} because no identity-based policy allows the cloudwatch:${ctx.operation} action`,
      );
    }
    return undefined;
  },
  throttleError() {
    return new AwsError('Throttling', 400, 'Rate exceeded');
  },
  failureError() {
    return new AwsError('InternalServiceError', 500, 'Internal service error.');
  },
  bucket(operation) {
    // CloudWatch GetMetricData: 50 TPS per account and region; ListMetrics 25 TPS.
    return operation === 'ListMetrics'
      ? { capacity: 25, refillPerSecond: 25 }
      : { capacity: 50, refillPerSecond: 50 };
  },
  render: {
    success(_operation, output): Reply {
      return { status: 200, contentType: JSON_10, body: JSON.stringify(output ?? {}) };
    },
    error(err): Reply {
      const sender = err.status >= 500 ? 'Receiver' : 'Sender';
      return {
        status: err.status,
        contentType: JSON_10,
        headers: { 'x-amzn-query-error': `${err.awsCode};${sender}` },
        body: JSON.stringify({ __type: TYPES[err.awsCode] ?? err.awsCode, message: err.message }),
      };
    },
  },
};
