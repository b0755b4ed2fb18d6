import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { el, wrap } from '../../protocol/xml.js';
import {
  type LaunchTemplateData,
  regionWorkloads,
  type SbLaunchTemplate,
  type SbLaunchTemplateVersion,
} from '../../state/workloads.js';
import type { QueryInput } from '../types.js';
import { globMatch, isTagFilter, missing, pageEc2, tagFilter, tagSetXml } from './paging.js';
import { filtersParam, invalidValue, listParam } from './params.js';

const DATA_PREFIX = 'LaunchTemplateData.';

function templates(ctx: CallContext): SbLaunchTemplate[] {
  return regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region).launchTemplates;
}

export function templateXml(t: SbLaunchTemplate): string {
  const latest = t.versions[t.versions.length - 1]?.number ?? 1;
  return (
    el('createTime', new Date(t.createTime).toISOString()) +
    el('createdBy', t.createdBy) +
    el('defaultVersionNumber', t.defaultVersion) +
    el('latestVersionNumber', latest) +
    el('launchTemplateId', t.id) +
    el('launchTemplateName', t.name) +
    (Object.keys(t.tags).length > 0 ? tagSetXml(t.tags) : '')
  );
}

interface Node {
  [key: string]: Node | string;
}

/** Flat query keys (`A.1.B`) back into a tree, rendered with EC2's xml names (`aSet/item`). */
export function dataXml(data: LaunchTemplateData): string {
  const root: Node = {};
  for (const [key, value] of Object.entries(data)) {
    const parts = key.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        const next = node[part];
        if (typeof next === 'object') node = next;
        else {
          const created: Node = {};
          node[part] = created;
          node = created;
        }
      }
    });
  }
  return wrap('launchTemplateData', render(root));
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function render(node: Node): string {
  let out = '';
  for (const [key, child] of Object.entries(node)) {
    const name = lowerFirst(key);
    if (typeof child === 'string') {
      out += el(name, child);
      continue;
    }
    const keys = Object.keys(child);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      const items = keys
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => {
          const item = child[k];
          return typeof item === 'string' ? el('item', item) : `<item>${render(item ?? {})}</item>`;
        })
        .join('');
      out += wrap(`${name}Set`, items);
    } else out += wrap(name, render(child));
  }
  return out;
}

export function versionXml(t: SbLaunchTemplate, v: SbLaunchTemplateVersion): string {
  return (
    el('createTime', new Date(v.createTime).toISOString()) +
    el('createdBy', v.createdBy) +
    el('defaultVersion', v.number === t.defaultVersion) +
    dataXml(v.data) +
    el('launchTemplateId', t.id) +
    el('launchTemplateName', t.name) +
    el('versionDescription', v.description) +
    el('versionNumber', v.number)
  );
}

/** The template a request names with `LaunchTemplateId` or `LaunchTemplateName` (AWS's errors). */
export function findTemplate(
  ctx: CallContext,
  id: string | null,
  name: string | null,
): SbLaunchTemplate {
  if (id && name) {
    throw new AwsError(
      'InvalidParameterCombination',
      400,
      'Specify either the launch template ID or the launch template name, not both.',
    );
  }
  if (id) {
    const found = templates(ctx).find((t) => t.id === id);
    if (!found) {
      throw new AwsError(
        'InvalidLaunchTemplateId.NotFound',
        400,
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
    }
    return found;
  }
  if (name) {
    const found = templates(ctx).find((t) => t.name === name);
    if (!found) {
      throw new AwsError(
        'InvalidLaunchTemplateName.NotFoundException',
        400,
        `The specified launch template, with template name ${name}, does not exist.`,
      );
    }
    return found;
  }
  throw missing('LaunchTemplateId or LaunchTemplateName');
}

/** `$Default`, `$Latest` or a number → the version, or InvalidLaunchTemplateId.VersionNotFound. */
export function resolveVersion(t: SbLaunchTemplate, spec: string): SbLaunchTemplateVersion {
  const number =
    spec === '$Default'
      ? t.defaultVersion
      : spec === '$Latest'
        ? (t.versions[t.versions.length - 1]?.number ?? 0)
        : Number(spec);
  const found = t.versions.find((v) => v.number === number);
  if (!found) {
    throw new AwsError(
      'InvalidLaunchTemplateId.VersionNotFound',
      400,
      `Could not find launch template version ${spec} for launch template ${t.id}.`,
    );
  }
  return found;
}

/** DescribeLaunchTemplates: by `LaunchTemplateId.N` / `LaunchTemplateName.N`, filters, paginated. */
export function describeLaunchTemplates(ctx: CallContext, params: QueryInput): string {
  const ids = listParam(params, 'LaunchTemplateId');
  const names = listParam(params, 'LaunchTemplateName');
  for (const id of ids) findTemplate(ctx, id, null);
  for (const name of names) findTemplate(ctx, null, name);
  const filters = filtersParam(params);
  for (const f of filters) {
    if (f.name !== 'launch-template-name' && !isTagFilter(f.name)) {
      throw invalidValue(`The filter '${f.name}' is invalid`);
    }
  }
  const matching = templates(ctx).filter(
    (t) =>
      (ids.length === 0 || ids.includes(t.id)) &&
      (names.length === 0 || names.includes(t.name)) &&
      filters.every(
        (f) =>
          f.values.length === 0 ||
          (isTagFilter(f.name)
            ? tagFilter(f.name, f.values, t.tags)
            : f.values.some((v) => globMatch(v, t.name))),
      ),
  );
  const scope = `DescribeLaunchTemplates:${ids}:${names}:${JSON.stringify(filters)}`;
  const { page, nextToken } = pageEc2(matching, params, scope, ctx.sandbox.pageSize, {
    min: 1,
    max: 200,
  });
  const items = page.map((t) => `<item>${templateXml(t)}</item>`).join('');
  return wrap('launchTemplates', items) + el('nextToken', nextToken);
}

/**
 * DescribeLaunchTemplateVersions of one template (`LaunchTemplateVersion.N` with `$Default`,
 * `$Latest` or numbers; MinVersion/MaxVersion), or — without a template — `$Default`/`$Latest`
 * of every template in the region; any other version without a template is MissingParameter.
 */
export function describeLaunchTemplateVersions(ctx: CallContext, params: QueryInput): string {
  const id = params.get('LaunchTemplateId');
  const name = params.get('LaunchTemplateName');
  const specs = listParam(params, 'LaunchTemplateVersion');
  const min = params.has('MinVersion') ? Number(params.get('MinVersion')) : undefined;
  const max = params.has('MaxVersion') ? Number(params.get('MaxVersion')) : undefined;
  let rows: { t: SbLaunchTemplate; v: SbLaunchTemplateVersion }[];
  if (!id && !name) {
    if (specs.length === 0 || specs.some((s) => s !== '$Default' && s !== '$Latest')) {
      throw missing('LaunchTemplateId or LaunchTemplateName');
    }
    rows = templates(ctx).flatMap((t) => {
      const picked = new Set(specs.map((s) => resolveVersion(t, s)));
      return [...picked].map((v) => ({ t, v }));
    });
  } else {
    const t = findTemplate(ctx, id, name);
    const versions =
      specs.length > 0 ? [...new Set(specs.map((s) => resolveVersion(t, s)))] : t.versions;
    rows = versions
      .filter(
        (v) => (min === undefined || v.number >= min) && (max === undefined || v.number <= max),
      )
      .map((v) => ({ t, v }));
  }
  const scope = `DescribeLaunchTemplateVersions:${id}:${name}:${specs}:${min}:${max}`;
  const { page, nextToken } = pageEc2(rows, params, scope, ctx.sandbox.pageSize, {
    min: 1,
    max: 200,
  });
  const items = page.map(({ t, v }) => `<item>${versionXml(t, v)}</item>`).join('');
  return wrap('launchTemplateVersionSet', items) + el('nextToken', nextToken);
}

/** Top-level field of a flat data key: `MetadataOptions.HttpTokens` → `MetadataOptions`. */
function topField(key: string): string {
  return key.split('.')[0] ?? key;
}

/**
 * CreateLaunchTemplateVersion: the new version starts from SourceVersion's data (when given)
 * and every top-level field the request sends replaces the source's field as a whole — as on
 * AWS, a `MetadataOptions` that only sets HttpTokens drops the source's hop limit.
 */
export function createLaunchTemplateVersion(ctx: CallContext, params: QueryInput): string {
  const t = findTemplate(ctx, params.get('LaunchTemplateId'), params.get('LaunchTemplateName'));
  const given: LaunchTemplateData = {};
  for (const [key, value] of params) {
    if (key.startsWith(DATA_PREFIX)) given[key.slice(DATA_PREFIX.length)] = value;
  }
  if (Object.keys(given).length === 0 && !params.has('LaunchTemplateData')) {
    throw missing('LaunchTemplateData');
  }
  const source = params.get('SourceVersion');
  const base = source ? resolveVersion(t, source).data : {};
  const replaced = new Set(Object.keys(given).map(topField));
  const data: LaunchTemplateData = {};
  for (const [key, value] of Object.entries(base)) {
    if (!replaced.has(topField(key))) data[key] = value;
  }
  Object.assign(data, given);
  const number = (t.versions[t.versions.length - 1]?.number ?? 0) + 1;
  const version: SbLaunchTemplateVersion = {
    number,
    createTime: ctx.sandbox.now(),
    createdBy: ctx.identity.arn,
    data,
  };
  const description = params.get('VersionDescription');
  if (description !== null) version.description = description;
  t.versions.push(version);
  return wrap('launchTemplateVersion', versionXml(t, version));
}

/** ModifyLaunchTemplate: `SetDefaultVersion` (the SDK's DefaultVersion) to an existing version. */
export function modifyLaunchTemplate(ctx: CallContext, params: QueryInput): string {
  const t = findTemplate(ctx, params.get('LaunchTemplateId'), params.get('LaunchTemplateName'));
  const spec = params.get('SetDefaultVersion');
  if (spec !== null) t.defaultVersion = resolveVersion(t, spec).number;
  return wrap('launchTemplate', templateXml(t));
}
