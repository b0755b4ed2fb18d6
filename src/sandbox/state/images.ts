/**
 * The AMIs the sandbox knows, the same in every region (AWS's ids are regional; the sandbox keeps
 * one id per image for simplicity). `ImdsSupport: v2.0` makes launches from the image require
 * IMDSv2 with hop limit 2 unless the request, the template or the account default says
 * otherwise (EC2 User Guide, "Order of precedence for instance metadata options"; AL2023 AMIs are
 * registered with `ImdsSupport: v2.0`, Amazon Linux 2023 User Guide, "IMDSv2"). RunInstances
 * accepts other image ids (tests use made-up ones) as images without ImdsSupport; DescribeImages
 * answers `InvalidAMIID.NotFound` for them, as AWS does for an unknown id.
 */
export interface SbImage {
  id: string;
  name: string;
  ownerAlias: 'amazon' | 'self';
  ownerId: string;
  imdsSupport?: 'v2.0';
  creationDate: string;
}

export const AL2023_PARAMETER =
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

export const IMAGES: readonly SbImage[] = Object.freeze([
  {
    id: 'ami-0a2023c0ffee00001',
    name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
    ownerAlias: 'amazon',
    ownerId: '137112412989',
    imdsSupport: 'v2.0',
    creationDate: '2024-12-12T00:00:00.000Z',
  },
  {
    id: 'ami-0abcdef1234567890',
    name: 'legacy-base-2019',
    ownerAlias: 'self',
    ownerId: '222222222207',
    creationDate: '2019-06-01T00:00:00.000Z',
  },
  {
    id: 'ami-0b2c3d4e5f6a7b8c9',
    name: 'payments-base-2025-imdsv2',
    ownerAlias: 'self',
    ownerId: '222222222207',
    imdsSupport: 'v2.0',
    creationDate: '2025-09-01T00:00:00.000Z',
  },
]);

/** `resolve:ssm:<public parameter>` → the image id EC2 resolves it to (AL2023 only). */
export function resolveImageId(imageId: string): string {
  if (imageId === `resolve:ssm:${AL2023_PARAMETER}`) return IMAGES[0]?.id ?? imageId;
  return imageId;
}

export function findImage(imageId: string): SbImage | undefined {
  const id = resolveImageId(imageId);
  return IMAGES.find((i) => i.id === id);
}
