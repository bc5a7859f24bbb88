import { describe, expect, it } from 'vitest';
import { endpointProblem, isPublicAddress } from './endpoint-policy';

const strict = { allowPrivateEndpoints: false };

describe('endpointProblem', () => {
  it('accepts the push services browsers use', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
      'https://web.push.apple.com/QGx',
      'https://wns2-par02p.notify.windows.com/w/?token=AQE',
      'https://push.example.com:443/x',
      'https://[2606:4700:4700::1111]/x',
      'https://8.8.8.8/x',
    ]) {
      expect(endpointProblem(endpoint, strict), endpoint).toBeUndefined();
    }
  });

  it('refuses private, loopback, link-local and reserved addresses, however spelled', () => {
    for (const endpoint of [
      'https://169.254.169.254/latest',
      'https://127.0.0.1/x',
      'https://0x7f.1/x',
      'https://2130706433/x',
      'https://10.1.2.3/x',
      'https://172.20.0.1/x',
      'https://192.168.1.1/x',
      'https://100.64.0.1/x',
      'https://0.0.0.0/x',
      'https://224.0.0.1/x',
      'https://255.255.255.255/x',
      'https://[::1]/x',
      'https://[::]/x',
      'https://[::ffff:169.254.169.254]/x',
      'https://[fe80::1]/x',
      'https://[fd00::1]/x',
      'https://[2002:a9fe:a9fe::1]/x',
      'https://[2001:db8::1]/x',
      'https://[64:ff9b::a9fe:a9fe]/x',
    ]) {
      expect(endpointProblem(endpoint, strict), endpoint).toBe(
        'subscription.endpoint: must not be a private or reserved address',
      );
    }
  });

  it('refuses local and single-label names', () => {
    for (const endpoint of [
      'https://localhost/x',
      'https://LOCALHOST./x',
      'https://api.localhost/x',
      'https://printer.local/x',
      'https://metadata.google.internal/computeMetadata',
      'https://router.home.arpa/x',
    ]) {
      expect(endpointProblem(endpoint, strict), endpoint).toMatch(/not a local name/);
    }
    expect(endpointProblem('https://intranet/x', strict)).toMatch(/with a domain name/);
  });

  it('refuses other ports, credentials and other schemes', () => {
    expect(endpointProblem('https://push.example.com:8443/x', strict)).toMatch(
      /default https port/,
    );
    expect(endpointProblem('https://user:pw@push.example.com/x', strict)).toMatch(/credentials/);
    expect(endpointProblem('http://push.example.com/x', strict)).toMatch(/https URL/);
    expect(endpointProblem('not a url', strict)).toMatch(/not a URL/);
  });

  it('lets a local endpoint through only when private endpoints are allowed (tests, development)', () => {
    const open = { allowPrivateEndpoints: true };
    expect(endpointProblem('https://127.0.0.1:4433/push', open)).toBeUndefined();
    expect(endpointProblem('https://localhost:4433/push', open)).toBeUndefined();
    expect(endpointProblem('http://127.0.0.1:4433/push', open)).toMatch(/https URL/);
    expect(endpointProblem('https://u:p@127.0.0.1/push', open)).toMatch(/credentials/);
  });
});

describe('isPublicAddress', () => {
  it('classifies addresses, not names', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2a00:1450:4007::65')).toBe(true);
    expect(isPublicAddress('172.32.0.1')).toBe(true);
    expect(isPublicAddress('172.31.255.255')).toBe(false);
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isPublicAddress('example.com')).toBe(false);
  });
});
