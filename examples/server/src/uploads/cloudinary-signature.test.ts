import { describe, expect, it } from 'vitest';
import {
  signParams,
  signUploadResponse,
  signaturesMatch,
  stringToSign,
} from './cloudinary-signature';

describe('Cloudinary signatures', () => {
  it('matches the example of Cloudinary’s documentation', () => {
    // authentication_signatures: api secret "abcd", these params => this SHA-1.
    const params = {
      timestamp: 1315060510,
      public_id: 'sample_image',
      eager: 'w_400,h_300,c_pad|w_260,h_200,c_crop',
      api_key: '1234',
      file: 'https://www.example.com/sample.jpg',
    };
    expect(stringToSign(params)).toBe(
      'eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510',
    );
    expect(signParams(params, 'abcd', 'sha1')).toBe('bfd09f95f331f558cbd1320e67aa8d488770583e');
  });

  it('sorts keys, joins arrays with commas and leaves out empty and unsigned fields', () => {
    expect(
      stringToSign({
        timestamp: 10,
        allowed_formats: ['jpg', 'png'],
        folder: 'causette/u-1',
        resource_type: 'image',
        cloud_name: 'demo',
        signature: 'x',
        tags: '',
        context: undefined,
      }),
    ).toBe('allowed_formats=jpg,png&folder=causette/u-1&timestamp=10');
  });

  it('escapes & inside values (signature version 2)', () => {
    expect(stringToSign({ context: 'a=1&b=2', timestamp: 1 })).toBe(
      'context=a=1%26b=2&timestamp=1',
    );
  });

  it('supports SHA-256', () => {
    expect(signParams({ timestamp: 1 }, 's', 'sha256')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs responses over public_id and version', () => {
    expect(signUploadResponse('sample', 1312461204, 'abcd', 'sha1')).toMatch(/^[0-9a-f]{40}$/);
    expect(signUploadResponse('sample', 1, 'abcd', 'sha1')).not.toBe(
      signUploadResponse('sample', 2, 'abcd', 'sha1'),
    );
  });

  it('compares signatures without caring about hex case', () => {
    expect(signaturesMatch('abcdef', 'ABCDEF')).toBe(true);
    expect(signaturesMatch('abcdef', 'abcdee')).toBe(false);
    expect(signaturesMatch('abcdef', 'abc')).toBe(false);
  });
});
