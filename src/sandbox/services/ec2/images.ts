/**
 * DescribeImages (EC2 API Reference): `ImageId.N` (an unknown id → `InvalidAMIID.NotFound` 400
 * "The image id '[ami-…]' does not exist"), filters `image-id`, `name`, `imds-support`,
 * `owner-alias`; every image answers `imdsSupport` when it has one (state/images.ts).
 */
import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { el, wrap } from '../../protocol/xml.js';
import { IMAGES, type SbImage } from '../../state/images.js';
import type { QueryInput } from '../types.js';
import { globMatch } from './paging.js';
import { filtersParam, invalidValue, listParam } from './params.js';

const FILTERS: Record<string, (i: SbImage) => string | undefined> = {
  'image-id': (i) => i.id,
  name: (i) => i.name,
  'imds-support': (i) => i.imdsSupport,
  'owner-alias': (i) => i.ownerAlias,
  'owner-id': (i) => i.ownerId,
  state: () => 'available',
};

export function describeImages(_ctx: CallContext, params: QueryInput): string {
  const ids = listParam(params, 'ImageId');
  const unknown = ids.filter((id) => !IMAGES.some((i) => i.id === id));
  if (unknown.length > 0) {
    throw new AwsError(
      'InvalidAMIID.NotFound',
      400,
      `The image id${unknown.length > 1 ? 's' : ''} '[${unknown.join(', ')}]' do${unknown.length > 1 ? '' : 'es'} not exist`,
    );
  }
  const filters = filtersParam(params);
  for (const f of filters) {
    if (!FILTERS[f.name]) throw invalidValue(`The filter '${f.name}' is invalid`);
  }
  const found = IMAGES.filter(
    (i) =>
      (ids.length === 0 || ids.includes(i.id)) &&
      filters.every((f) => {
        const value = FILTERS[f.name]?.(i);
        return value !== undefined && f.values.some((v) => globMatch(v, value));
      }),
  );
  const items = found.map(
    (i) =>
      `<item>${el('imageId', i.id)}${el('name', i.name)}${el('imageState', 'available')}` +
      `${el('imageOwnerId', i.ownerId)}${el('imageOwnerAlias', i.ownerAlias === 'amazon' ? 'amazon' : undefined)}` +
      `${el('creationDate', i.creationDate)}${el('architecture', 'x86_64')}` +
      `${el('imdsSupport', i.imdsSupport)}</item>`,
  );
  return wrap('imagesSet', items.join(''));
}
