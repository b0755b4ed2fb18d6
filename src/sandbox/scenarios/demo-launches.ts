import { nextEventId, type SbTrailEvent, trailEvents } from '../state/trail.js';
import type { World } from '../state/world.js';

/**
 * CloudTrail launch history seeded into `demo` (SPEC.md, "CloudTrail"): one case per kind of
 * launcher the launch preview must tell apart. Records follow "CloudTrail record contents", the
 * RunInstances records quoted in aws/karpenter-provider-aws#8190 and #9018 and the CreateFleet
 * records quoted in kubernetes-sigs/karpenter#2813 and aws/karpenter-provider-aws#5850.
 */
export const WEB_DEV = '222222222208';
export const WEB_PROD = '222222222206';
export const SHARED_SERVICES = '222222222204';
export const PAYMENTS_PROD = '222222222205';
export const PAYMENTS_DEV = '222222222207';

const HOUR = 3_600_000;
const KARPENTER_UA =
  'aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.24.2 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.215.0 karpenter.sh-1.5.0 m/h';
const TERRAFORM_UA = (provider: string) =>
  `APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/${provider} (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.193.0`;

interface Who {
  identity: Record<string, unknown>;
  username: string;
}

function role(account: string, path: string, name: string, session: string): Who {
  return {
    username: name,
    identity: {
      type: 'AssumedRole',
      principalId: `AROA${account}EXAMPLE:${session}`,
      arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
      accountId: account,
      accessKeyId: `ASIA${account}EXAMPLE`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${account}EXAMPLE`,
          arn: `arn:aws:iam::${account}:role/${path}${name}`,
          accountId: account,
          userName: name,
        },
        attributes: { mfaAuthenticated: 'false' },
      },
    },
  };
}

function user(account: string, name: string): Who {
  return {
    username: name,
    identity: {
      type: 'IAMUser',
      principalId: `AIDA${account}EXAMPLE`,
      arn: `arn:aws:iam::${account}:user/${name}`,
      accountId: account,
      accessKeyId: `AKIA${account}EXAMPLE`,
      userName: name,
    },
  };
}

interface Launch {
  account: string;
  region?: string;
  hoursAgo: number;
  who: Who;
  userAgent: string;
  invokedBy?: string;
  metadataOptions?: Record<string, unknown>;
  launchTemplate?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  console?: boolean;
  eventName?: string;
  /** CreateFleet: the request as CloudTrail writes it (`CreateFleetRequest`, PascalCase). */
  fleet?: { type: string; launchTemplateId: string; version: string; instanceId: string };
}

/** `requestParameters` / `responseElements` of a CreateFleet record (#2813, #5850). */
function fleetRecord(f: NonNullable<Launch['fleet']>, n: number) {
  const spec = { LaunchTemplateId: f.launchTemplateId, Version: f.version };
  return {
    requestParameters: {
      CreateFleetRequest: {
        TargetCapacitySpecification: {
          DefaultTargetCapacityType: 'on-demand',
          TotalTargetCapacity: 1,
        },
        Type: f.type,
        LaunchTemplateConfigs: {
          LaunchTemplateSpecification: spec,
          Overrides: [{ InstanceType: 'm5.large', SubnetId: 'subnet-0wd00000000000001', tag: 1 }],
          tag: 1,
        },
      },
    },
    responseElements: {
      CreateFleetResponse: {
        fleetId: `fleet-0e5c7a1d-7f3b-4c2a-9d1e-${String(n).padStart(12, '0')}`,
        fleetInstanceSet: {
          item: {
            lifecycle: 'on-demand',
            instanceIds: { item: f.instanceId },
            instanceType: 'm5.large',
            launchTemplateAndOverrides: {
              launchTemplateSpecification: {
                launchTemplateId: f.launchTemplateId,
                version: f.version,
              },
              overrides: { instanceType: 'm5.large', subnetId: 'subnet-0wd00000000000001' },
            },
          },
        },
        errorSet: {},
      },
    },
  };
}

function add(world: World, l: Launch): void {
  const identity = l.invokedBy ? { ...l.who.identity, invokedBy: l.invokedBy } : l.who.identity;
  const eventName = l.eventName ?? 'RunInstances';
  const requestParameters: Record<string, unknown> = {
    instancesSet: {
      items: [
        {
          ...(l.launchTemplate ? {} : { imageId: 'ami-0abcdef1234567890' }),
          minCount: 1,
          maxCount: 1,
        },
      ],
    },
    ...(l.launchTemplate ? {} : { instanceType: 't3.medium' }),
  };
  if (l.metadataOptions) requestParameters.metadataOptions = l.metadataOptions;
  if (l.launchTemplate) requestParameters.launchTemplate = l.launchTemplate;
  const eventId = nextEventId(world);
  const fleet = l.fleet && fleetRecord(l.fleet, Number.parseInt(eventId.slice(-12), 16));
  const event: SbTrailEvent = {
    eventId,
    eventName,
    eventSource: 'ec2.amazonaws.com',
    ageMs: l.hoursAgo * HOUR,
    username: l.who.username,
    readOnly: false,
    resources: [],
    record: {
      userIdentity: identity,
      sourceIPAddress: l.invokedBy ?? '203.0.113.10',
      userAgent: l.userAgent,
      requestParameters: fleet ? fleet.requestParameters : requestParameters,
      responseElements: fleet ? fleet.responseElements : null,
      requestID: `seed-${l.account}-${l.hoursAgo}`,
      ...(l.errorCode ? { errorCode: l.errorCode, errorMessage: l.errorMessage ?? '' } : {}),
      ...(l.console ? { sessionCredentialFromConsole: 'true' } : {}),
    },
  };
  trailEvents(world, l.account, l.region ?? 'us-east-1').push(event);
}

const DRY_RUN = {
  errorCode: 'Client.DryRunOperation',
  errorMessage: 'Request would have succeeded, but DryRun flag is set.',
};

export function addDemoLaunches(world: World): void {
  // web-dev: Karpenter. Its NodeClass validation dry runs name the launch template and send no
  // MetadataOptions (#9018); its launches go through an instant EC2 Fleet (#8190).
  const karpenter = role(WEB_DEV, '', 'KarpenterControllerRole-web-dev', '1764921600123456789');
  const nodeTemplate = {
    launchTemplateName: 'karpenter.k8s.aws/3141592653589793238',
    version: '$Latest',
  };
  add(world, {
    account: WEB_DEV,
    eventName: 'CreateLaunchTemplate',
    hoursAgo: 30,
    who: karpenter,
    userAgent: KARPENTER_UA,
  });
  for (const hoursAgo of [3, 27, 51]) {
    add(world, {
      account: WEB_DEV,
      hoursAgo,
      who: karpenter,
      userAgent: KARPENTER_UA,
      launchTemplate: nodeTemplate,
      ...DRY_RUN,
    });
  }
  add(world, {
    account: WEB_DEV,
    region: 'us-west-2',
    hoursAgo: 75,
    who: karpenter,
    userAgent: KARPENTER_UA,
    launchTemplate: nodeTemplate,
    ...DRY_RUN,
  });
  // Each launch is an instant CreateFleet by the controller (counted), then the fleet's own
  // RunInstances under the same role, invoked by ec2fleet.amazonaws.com (the same request: the
  // preview does not count it twice).
  for (const [i, hoursAgo] of [4, 28, 52, 76].entries()) {
    const instanceId = `i-0wdkarpenter0000${i + 1}`;
    add(world, {
      account: WEB_DEV,
      eventName: 'CreateFleet',
      hoursAgo,
      who: karpenter,
      userAgent: KARPENTER_UA,
      fleet: {
        type: 'instant',
        launchTemplateId: 'lt-0karpenter00000001',
        version: '1',
        instanceId,
      },
    });
    add(world, {
      account: WEB_DEV,
      hoursAgo,
      who: karpenter,
      invokedBy: 'ec2fleet.amazonaws.com',
      userAgent: 'ec2fleet.amazonaws.com',
      launchTemplate: { launchTemplateId: 'lt-0karpenter00000001', version: '1' },
    });
  }
  // web-dev: an Auto Scaling group launching through its service-linked role (SCPs do not apply).
  const asg = role(
    WEB_DEV,
    'aws-service-role/autoscaling.amazonaws.com/',
    'AWSServiceRoleForAutoScaling',
    'AutoScaling',
  );
  for (const hoursAgo of [6, 54]) {
    add(world, {
      account: WEB_DEV,
      hoursAgo,
      who: asg,
      invokedBy: 'autoscaling.amazonaws.com',
      userAgent: 'autoscaling.amazonaws.com',
      launchTemplate: { launchTemplateId: 'lt-0webdevasg0000001', version: '$Default' },
    });
  }
  // web-prod: Terraform that asks for tokens required (allowed).
  for (const hoursAgo of [10, 100]) {
    add(world, {
      account: WEB_PROD,
      hoursAgo,
      who: user(WEB_PROD, 'terraform-ci'),
      userAgent: TERRAFORM_UA('5.80.0'),
      metadataOptions: {
        httpTokens: 'required',
        httpPutResponseHopLimit: 2,
        httpEndpoint: 'enabled',
      },
    });
  }
  // shared-services: a console launch that leaves Metadata version at its default (omitted).
  add(world, {
    account: SHARED_SERVICES,
    region: 'eu-west-1',
    hoursAgo: 20,
    who: role(
      SHARED_SERVICES,
      'aws-reserved/sso.amazonaws.com/',
      'AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b',
      'alice@example.com',
    ),
    userAgent: 'console.ec2.amazonaws.com',
    console: true,
  });
  // payments-prod (DenyIMDSv1 already on Prod): a CI runner refused today (runs-on/runs-on#22).
  add(world, {
    account: PAYMENTS_PROD,
    hoursAgo: 12,
    who: role(PAYMENTS_PROD, '', 'runs-on-RunsOnServiceRole-zNcO2LJFOLKr', '45e75621-e0db-4f4'),
    userAgent:
      'aws-sdk-go-v2/1.30.3 ua/2.1 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#arm64 api/ec2#1.173.0',
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: `You are not authorized to perform this operation. User: arn:aws:sts::${PAYMENTS_PROD}:assumed-role/runs-on-RunsOnServiceRole-zNcO2LJFOLKr/45e75621-e0db-4f4 is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${PAYMENTS_PROD}:instance/* with an explicit deny in a service control policy.`,
  });
  // payments-dev (held by the IMDSv1-calls gate): an old Terraform module without metadata_options.
  for (const hoursAgo of [8, 960]) {
    add(world, {
      account: PAYMENTS_DEV,
      hoursAgo,
      who: user(PAYMENTS_DEV, 'legacy-deployer'),
      userAgent: TERRAFORM_UA('3.76.1'),
    });
  }
}

/** `large`: one CI launch without MetadataOptions, a day ago, in the account's first region. */
export function addRefusedLaunch(world: World, account: string, region: string): void {
  add(world, {
    account,
    region,
    hoursAgo: 24,
    who: role(account, '', 'ci-runner', 'build-42'),
    userAgent: 'aws-cli/2.17.0 md/command#ec2.run-instances',
  });
}
