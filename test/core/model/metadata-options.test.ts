import { describe, expect, it } from 'vitest';
import { resolveMetadataOptions } from '../../../src/core/model/metadata-options.js';

describe('resolveMetadataOptions (EC2 User Guide, order of precedence)', () => {
  it('uses AWS’s defaults when nothing says anything', () => {
    expect(resolveMetadataOptions({})).toMatchObject({
      httpTokens: 'optional',
      httpPutResponseHopLimit: 1,
      httpEndpoint: 'enabled',
      source: { httpTokens: 'aws-default' },
    });
  });

  it('an AMI with ImdsSupport v2.0 makes tokens required and the hop limit 2 when nothing above says otherwise', () => {
    expect(resolveMetadataOptions({ imdsSupport: 'v2.0' })).toMatchObject({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
      source: { httpTokens: 'ami', httpPutResponseHopLimit: 'ami', httpEndpoint: 'aws-default' },
    });
  });

  it('the account default wins over the AMI, field by field', () => {
    const r = resolveMetadataOptions({
      accountDefault: { httpTokens: 'optional' },
      imdsSupport: 'v2.0',
    });
    expect(r).toMatchObject({ httpTokens: 'optional', httpPutResponseHopLimit: 2 });
    expect(r.source).toMatchObject({
      httpTokens: 'account-default',
      httpPutResponseHopLimit: 'ami',
    });
  });

  it('the request wins over the template, the template over the account default', () => {
    const r = resolveMetadataOptions({
      request: { httpTokens: 'required' },
      launchTemplate: { httpTokens: 'optional', httpPutResponseHopLimit: 3 },
      accountDefault: { httpPutResponseHopLimit: 2, httpEndpoint: 'disabled' },
    });
    expect(r).toMatchObject({
      httpTokens: 'required',
      httpPutResponseHopLimit: 3,
      httpEndpoint: 'disabled',
      source: {
        httpTokens: 'request',
        httpPutResponseHopLimit: 'launch-template',
        httpEndpoint: 'account-default',
      },
    });
  });

  it('an unknown ImdsSupport value changes nothing', () => {
    expect(resolveMetadataOptions({ imdsSupport: 'v1.0' }).httpTokens).toBe('optional');
  });
});
