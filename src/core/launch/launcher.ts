/**
 * Who launched it, from the user agent, the calling service and the principal — and what to
 * change there so its launches ask for IMDSv2 tokens (or the exception to add meanwhile).
 */
import type { LaunchEvent, Launcher, LauncherId } from './types.js';

const TOKENS_REQUIRED = 'MetadataOptions.HttpTokens=required';

interface Rule {
  id: LauncherId;
  match: (ua: string, e: LaunchEvent, role: string) => string | undefined | false;
  label: (version: string | undefined) => string;
  fix: string;
}

/** `name/1.2.3` or `name-1.2.3` in a user agent. */
function version(ua: string, name: RegExp): string | undefined | false {
  const m = name.exec(ua);
  return m ? (m[1] ?? undefined) : false;
}

const RULES: Rule[] = [
  {
    id: 'karpenter',
    match: (ua, _e, role) =>
      version(ua, /karpenter\.sh-v?([\w.]+)/i) || (/karpenter/i.test(role) ? undefined : false),
    label: (v) => (v ? `Karpenter ${v}` : 'Karpenter'),
    fix: 'EC2NodeClass spec.metadataOptions.httpTokens: required. Karpenter validates each EC2NodeClass with a RunInstances dry run that omits MetadataOptions whatever the NodeClass says (aws/karpenter-provider-aws#9018; fix proposed in #9256): until your release sends them, add a principal exception for the controller role (owner, expiry).',
  },
  {
    id: 'terraform',
    match: (ua) =>
      version(ua, /terraform-provider-aws\/([\w.]+)/i) || version(ua, /Terraform\/([\w.]+)/),
    label: (v) => (v ? `Terraform (AWS provider ${v})` : 'Terraform'),
    fix: 'metadata_options { http_tokens = "required" } on the aws_instance or aws_launch_template.',
  },
  {
    id: 'pulumi',
    match: (ua) =>
      version(ua, /pulumi[\w-]*\/v?([\w.]+)/i) || (/pulumi/i.test(ua) ? undefined : false),
    label: (v) => (v ? `Pulumi ${v}` : 'Pulumi'),
    fix: 'metadataOptions: { httpTokens: "required" } on the aws.ec2.Instance or LaunchTemplate.',
  },
  {
    id: 'cloudformation',
    match: (ua, e) =>
      e.invokedBy === 'cloudformation.amazonaws.com' || /cloudformation\.amazonaws\.com/.test(ua)
        ? undefined
        : false,
    label: () => 'CloudFormation',
    fix: 'MetadataOptions: { HttpTokens: required } in the AWS::EC2::Instance or the LaunchTemplateData (CDK: requireImdsv2: true).',
  },
  {
    id: 'auto-scaling',
    match: (ua, e, role) =>
      e.invokedBy === 'autoscaling.amazonaws.com' ||
      ua === 'autoscaling.amazonaws.com' ||
      role === 'AWSServiceRoleForAutoScaling'
        ? undefined
        : false,
    label: () => 'EC2 Auto Scaling',
    fix: 'Nothing for the SCP (service-linked role). The instances still take their metadata options from the group’s launch template: readiness lists templates and pinned groups that allow IMDSv1.',
  },
  {
    id: 'spot',
    match: (ua, e) =>
      /^spot(fleet)?\.amazonaws\.com$/.test(e.invokedBy ?? ua) ? undefined : false,
    label: () => 'Spot Fleet / Spot',
    fix: `Launched by a service-linked role (SCPs do not apply): set ${TOKENS_REQUIRED} in the request's launch specification or template all the same.`,
  },
  {
    id: 'ec2-fleet',
    match: (ua, e) =>
      e.invokedBy === 'ec2fleet.amazonaws.com' || ua === 'ec2fleet.amazonaws.com'
        ? undefined
        : false,
    label: () => 'EC2 Fleet (instant)',
    fix: `Set ${TOKENS_REQUIRED} in the fleet's launch template; the caller's role is what the SCP judges.`,
  },
  {
    id: 'console',
    match: (ua, e) =>
      e.fromConsole || /console\.(ec2\.)?amazonaws\.com/.test(ua) ? undefined : false,
    label: () => 'AWS console',
    fix: 'Launch instance wizard → Advanced details → Metadata version: V2 only (token required).',
  },
  {
    id: 'github-actions-runner',
    match: (ua, _e, role) =>
      /runs-on|github[-_]?(actions[-_]?)?runner|actions-runner/i.test(`${ua} ${role}`)
        ? undefined
        : false,
    label: () => 'GitHub Actions runner provisioner',
    fix: `Configure the runner provisioner to send ${TOKENS_REQUIRED} (runs-on/runs-on#22).`,
  },
  {
    id: 'gitlab-runner',
    match: (ua, _e, role) =>
      /gitlab|fleeting-plugin-aws/i.test(`${ua} ${role}`) ? undefined : false,
    label: () => 'GitLab Runner autoscaler',
    fix: `Set ${TOKENS_REQUIRED} in the runner's launch template.`,
  },
  {
    id: 'cdk',
    match: (ua) => version(ua, /aws-cdk\/([\w.]+)/i),
    label: (v) => (v ? `AWS CDK ${v}` : 'AWS CDK'),
    fix: 'requireImdsv2: true on the ec2.Instance or ec2.LaunchTemplate.',
  },
  {
    id: 'aws-cli',
    match: (ua) => version(ua, /aws-cli\/([\w.]+)/),
    label: (v) => (v ? `AWS CLI ${v}` : 'AWS CLI'),
    fix: 'aws ec2 run-instances … --metadata-options HttpTokens=required',
  },
  {
    id: 'sdk',
    match: (ua) =>
      /aws-sdk-|Boto3\/|botocore\/|aws-sdk-java|aws-sdk-go/i.test(ua) ? undefined : false,
    label: () => 'AWS SDK',
    fix: `Send ${TOKENS_REQUIRED} with RunInstances (or in the launch template it names).`,
  },
];

function roleOf(event: LaunchEvent): string {
  const arn = event.principalArn;
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function recognizeLauncher(event: LaunchEvent): Launcher {
  const role = roleOf(event);
  for (const rule of RULES) {
    const found = rule.match(event.userAgent, event, role);
    if (found === false) continue;
    return { id: rule.id, label: rule.label(found), fix: rule.fix };
  }
  return {
    id: 'unknown',
    label: 'unrecognised launcher',
    fix: `Make the launch send ${TOKENS_REQUIRED}, or add a principal exception (owner, expiry).`,
  };
}

/** The config exception that lets this principal launch while its launcher is fixed. */
export function exceptionSnippet(principalArn: string, expires: string): string {
  return `exceptions: [{ principalArnPattern: '${principalArn}', owner: '<team>', reason: 'launches without IMDSv2 tokens', expires: '${expires}' }]`;
}
