import type { TemplateFinding } from '../../core/readiness/types.js';

const FROM = {
  'account-default': 'the account default',
  ami: 'the AMI’s ImdsSupport v2.0',
  'aws-default': 'AWS’s default',
} as const;

/** What an omitted template resolves to and why (EC2's order of precedence). */
export function omittedText(t: TemplateFinding): string {
  const from = t.effectiveSource ? FROM[t.effectiveSource] : 'the account default';
  return `MetadataOptions omitted (resolves to ${t.effectiveTokens}: ${from})`;
}
