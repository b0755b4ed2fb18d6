/**
 * Launch impact preview: who the DenyIMDSv1 SCP would refuse. The inputs are CloudTrail
 * `RunInstances` records (one account × region at a time), reduced to what SCP evaluation and
 * the report need; the output is a decision per launch and a summary per account and principal.
 */

/** A RunInstances record, reduced to what the SCP evaluation and the report read. */
export interface LaunchEvent {
  eventId: string;
  /** ISO time of the call. */
  time: string;
  accountId: string;
  region: string;
  /** `userIdentity.type`: IAMUser, AssumedRole, Root, FederatedUser, AWSService, … */
  principalType: string;
  /**
   * What `aws:PrincipalArn` is for this caller: the role ARN (the session issuer) for assumed
   * roles, the user ARN for users, `arn:aws:iam::<account>:root` for root. Empty for AWS services.
   */
  principalArn: string;
  /** The session's name (`…:assumed-role/<role>/<session>`), kept for the example line only. */
  sessionName?: string;
  /** `userIdentity.invokedBy`: the AWS service that made the call for the principal. */
  invokedBy?: string;
  userAgent: string;
  /** `sessionContext.ec2RoleDelivery` (instance-role credentials only: "1.0" or "2.0"). */
  roleDelivery?: string;
  /** `sessionCredentialFromConsole` (AWS Management Console sessions). */
  fromConsole: boolean;
  /** requestParameters.metadataOptions as sent: absent fields were not in the request. */
  metadataOptions: RequestedMetadata;
  launchTemplate?: { id?: string; name?: string; version?: string };
  instanceType?: string;
  dryRun: boolean;
  /** `errorCode`, e.g. `Client.UnauthorizedOperation`, `Client.DryRunOperation`. */
  errorCode?: string;
}

export interface RequestedMetadata {
  httpTokens?: string;
  httpPutResponseHopLimit?: number;
  httpEndpoint?: string;
  instanceMetadataTags?: string;
}

/** A statement of the SCP that refuses the launch. */
export interface DenyingStatement {
  policyName: string;
  /** The statement's Sid, else `Statement[<index>]`. */
  statement: string;
}

export type LaunchDecision =
  | { outcome: 'allowed'; reason: string; notSubjectToScps?: true }
  | { outcome: 'denied'; by: DenyingStatement; reason: string }
  | { outcome: 'unknown'; reason: string };

/** A policy whose Deny statements are evaluated (the SCP as it will be after the plan). */
export interface PolicyText {
  name: string;
  content: string;
}

export type LauncherId =
  | 'karpenter'
  | 'terraform'
  | 'cloudformation'
  | 'console'
  | 'ec2-fleet'
  | 'auto-scaling'
  | 'spot'
  | 'github-actions-runner'
  | 'gitlab-runner'
  | 'pulumi'
  | 'cdk'
  | 'aws-cli'
  | 'sdk'
  | 'unknown';

export interface Launcher {
  id: LauncherId;
  /** Human name: `Karpenter 1.5.0`, `Terraform (AWS provider 5.40.0)`, `AWS console`. */
  label: string;
  /** What to change so its launches ask for tokens required; or the exception to add. */
  fix: string;
}
