/**
 * Launch impact preview: who the DenyIMDSv1 SCP would refuse. The inputs are CloudTrail
 * `RunInstances` and `CreateFleet` records (one account × region at a time), reduced to what SCP
 * evaluation and the report need; the output is a decision per launch and a summary per account
 * and principal.
 */

/** The launch calls the preview reads (one LookupEvents attribute each). */
export const LAUNCH_EVENT_NAMES = ['RunInstances', 'CreateFleet'] as const;
export type LaunchEventName = (typeof LAUNCH_EVENT_NAMES)[number];

/**
 * `CreateFleet`'s `Type` (API Reference: default `maintain`). An `instant` fleet launches with
 * its caller's authorization; `maintain` and `request` fleets launch through the service-linked
 * role AWSServiceRoleForEC2Fleet (EC2 User Guide, "EC2 Fleet prerequisites").
 */
export type FleetType = 'instant' | 'maintain' | 'request';

/** A RunInstances or CreateFleet record, reduced to what the SCP evaluation and the report read. */
export interface LaunchEvent {
  eventId: string;
  /** Which call: RunInstances unless said otherwise. */
  eventName?: LaunchEventName;
  /** CreateFleet only. */
  fleetType?: FleetType;
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
  /**
   * requestParameters.metadataOptions as sent: absent fields were not in the request (CreateFleet
   * has no request-level MetadataOptions: always empty there).
   */
  metadataOptions: RequestedMetadata;
  /** The launch template named (CreateFleet: the first of its LaunchTemplateConfigs). */
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
