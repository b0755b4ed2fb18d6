/**
 * The DenyIMDSv1 SCP as the fixtures use it, read from the template the tool renders
 * (templates/scp/deny-imdsv1.json, statement `base`), so no fixture keeps a copy of its own.
 */
import { readFileSync } from 'node:fs';

interface ScpTemplate {
  version: string;
  statements: { id: string; statement: Record<string, unknown> }[];
}

const template = JSON.parse(
  readFileSync(new URL('../../templates/scp/deny-imdsv1.json', import.meta.url), 'utf8'),
) as ScpTemplate;

const base = template.statements.find((s) => s.id === 'base');
if (!base) throw new Error('templates/scp/deny-imdsv1.json has no `base` statement');

/** The DenyIMDSv1 statement alone (no companions, no exemptions). */
export const SEED_STATEMENT: Record<string, unknown> = base.statement;

/** The seed SCP document: `{ Version, Statement: [DenyIMDSv1] }`. */
export const SEED_DOCUMENT = { Version: template.version, Statement: [SEED_STATEMENT] };

/** The seed SCP's content as Organizations stores it (compact JSON). */
export const SEED_SCP = JSON.stringify(SEED_DOCUMENT);
