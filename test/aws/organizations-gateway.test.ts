import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createOrganizationsGateway } from '../../src/aws/organizations-gateway.js';
import { AwsApiError } from '../../src/errors.js';

const orgs = mockClient(OrganizationsClient);
afterEach(() => orgs.reset());
// The mock replaces send() on the client class itself: put it back for the files that share this worker.
afterAll(() => orgs.restore());

function gateway() {
  return createOrganizationsGateway(
    new OrganizationsClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    }),
    () => '111111111111',
  );
}

describe('OrganizationsGateway', () => {
  it('follows NextToken across pages and maps account status', async () => {
    // Given two pages of accounts
    orgs
      .on(ListAccountsForParentCommand, { ParentId: 'ou-1' })
      .resolvesOnce({
        Accounts: [{ Id: '222222222201', Name: 'a', Email: 'a@x', Status: 'ACTIVE' }],
        NextToken: 't1',
      })
      .resolvesOnce({
        Accounts: [{ Id: '222222222202', Name: 'b', Email: 'b@x', State: 'CLOSED' }],
      });
    // When listing
    const accounts = await gateway().listAccountsForParent('ou-1');
    // Then both pages are returned, the second call carried the token
    expect(accounts).toEqual([
      { id: '222222222201', name: 'a', email: 'a@x', status: 'ACTIVE' },
      { id: '222222222202', name: 'b', email: 'b@x', status: 'SUSPENDED' },
    ]);
    const calls = orgs.commandCalls(ListAccountsForParentCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.NextToken).toBe('t1');
  });

  it('maps a modelled error to AwsApiError with service, operation and account', async () => {
    const err = Object.assign(new Error('Your account is not a member of an organization.'), {
      name: 'AWSOrganizationsNotInUseException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    orgs.on(DescribeOrganizationCommand).rejects(err);
    const failure = await gateway()
      .describeOrganization()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsApiError);
    const apiError = failure as AwsApiError;
    expect(apiError.awsCode).toBe('AWSOrganizationsNotInUseException');
    expect(apiError.context).toEqual({
      service: 'organizations',
      operation: 'DescribeOrganization',
      accountId: '111111111111',
    });
    expect(apiError.retryable).toBe(false);
    expect(apiError.httpStatus).toBe(400);
  });

  it('marks throttling as retryable and keeps the paginated operation name', async () => {
    const err = Object.assign(new Error('Rate exceeded'), {
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 400 },
    });
    orgs.on(ListPoliciesForTargetCommand).rejects(err);
    const failure = (await gateway()
      .listPoliciesForTarget('r-1', 'SERVICE_CONTROL_POLICY')
      .catch((e: unknown) => e)) as AwsApiError;
    expect(failure.awsCode).toBe('TooManyRequestsException');
    expect(failure.context.operation).toBe('ListPoliciesForTarget');
    expect(failure.retryable).toBe(true);
  });
});
