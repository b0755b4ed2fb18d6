import { Text } from 'ink';
import type { GuardrailsEvent } from '../../events/types.js';
import { useTheme } from '../theme.js';

/** Under Preflight: the organization, its management account and the config file used. */
export function IdentityLine(props: {
  identity: Extract<GuardrailsEvent, { type: 'preflight.identity' }>;
}) {
  const theme = useTheme();
  const { identity } = props;
  return (
    <Text wrap="truncate-middle" color={theme.tone('muted')}>
      {'  '}organization {identity.organizationId} · management {identity.managementAccountId} ·
      config {identity.configFile ?? '(defaults)'}
    </Text>
  );
}
