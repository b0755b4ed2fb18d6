/** STS over the SDK: who is calling, and AssumeRole into member accounts. */
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { CallerIdentity } from '../core/model/types.js';
import { AwsApiError } from '../errors.js';
import type { StsGateway } from './gateways.js';
import { callAws } from './map-aws-error.js';

export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface AssumeRoleInput {
  accountId: string;
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string | undefined;
}

export interface StsGatewayImpl extends StsGateway {
  assumeRole(input: AssumeRoleInput): Promise<AssumedCredentials>;
}

export function createStsGateway(client: STSClient): StsGatewayImpl {
  return {
    async getCallerIdentity(): Promise<CallerIdentity> {
      const out = await callAws({ service: 'sts', operation: 'GetCallerIdentity' }, () =>
        client.send(new GetCallerIdentityCommand({})),
      );
      return { accountId: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    },

    async assumeRole(input): Promise<AssumedCredentials> {
      const context = { service: 'sts', operation: 'AssumeRole', accountId: input.accountId };
      const out = await callAws(context, () =>
        client.send(
          new AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.sessionName,
            DurationSeconds: input.durationSeconds,
            ...(input.externalId ? { ExternalId: input.externalId } : {}),
          }),
        ),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new AwsApiError(context, 'MalformedResponse', 'AssumeRole returned no credentials');
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration ?? new Date(Date.now() + input.durationSeconds * 1000),
      };
    },
  };
}
