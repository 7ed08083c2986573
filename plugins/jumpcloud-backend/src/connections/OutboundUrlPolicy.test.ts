import { OutboundUrlPolicy, isBlockedAddress } from './OutboundUrlPolicy';

const resolver = (table: Record<string, string[]>) => async (host: string) => {
  if (!table[host]) throw new Error('ENOTFOUND');
  return table[host].map(address => ({ address }));
};

describe('OutboundUrlPolicy', () => {
  const policy = new OutboundUrlPolicy(
    ['127.0.0.1:7011', 'localhost:7011', 'jc-proxy.internal'],
    resolver({
      'console.jumpcloud.com': ['34.1.2.3'],
      'console.eu.jumpcloud.com': ['10.0.0.8'],
      'jc-proxy.internal': ['10.1.1.1'],
    }),
  );

  it('accepts JumpCloud hosts over https and normalises to the origin', async () => {
    expect(policy.normalize('https://console.jumpcloud.com/')).toBe(
      'https://console.jumpcloud.com',
    );
    expect(policy.normalize('https://api.in.jumpcloud.com')).toBe(
      'https://api.in.jumpcloud.com',
    );
    await expect(policy.check('https://console.jumpcloud.com')).resolves.toBe(
      'https://console.jumpcloud.com',
    );
  });

  it('refuses http, other ports, paths, credentials and other hosts', () => {
    for (const url of [
      'http://console.jumpcloud.com',
      'https://console.jumpcloud.com:8443',
      'https://console.jumpcloud.com/api/systems',
      'https://user:pw@console.jumpcloud.com',
      'https://evil.example.com',
      'https://console.jumpcloud.com.evil.example',
      'file:///etc/passwd',
      'gopher://127.0.0.1',
      'not a url',
      'http://127.0.0.1:7012',
      'http://169.254.169.254',
    ]) {
      expect(() => policy.normalize(url)).toThrow();
    }
  });

  it('allows configured host:port entries, http included', async () => {
    await expect(policy.check('http://127.0.0.1:7011')).resolves.toBe(
      'http://127.0.0.1:7011',
    );
    await expect(policy.check('http://localhost:7011/')).resolves.toBe(
      'http://localhost:7011',
    );
    // Explicitly allowed names may resolve to private addresses.
    await expect(policy.check('https://jc-proxy.internal')).resolves.toBe(
      'https://jc-proxy.internal',
    );
  });

  it('refuses an allowed name that resolves to a private address (DNS rebinding)', async () => {
    await expect(
      policy.check('https://console.eu.jumpcloud.com'),
    ).rejects.toThrow(/private or internal address/);
  });

  it('derives the region of JumpCloud hosts', () => {
    expect(OutboundUrlPolicy.regionOf('https://console.eu.jumpcloud.com')).toBe(
      'eu',
    );
    expect(OutboundUrlPolicy.regionOf('https://console.jumpcloud.com')).toBe(
      'us',
    );
    expect(OutboundUrlPolicy.regionOf('http://127.0.0.1:7011')).toBeNull();
  });

  it('classifies internal addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.2.3.4',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ]) {
      expect(isBlockedAddress(address)).toBe(true);
    }
    for (const address of ['34.1.2.3', '8.8.8.8', '2606:4700::1111']) {
      expect(isBlockedAddress(address)).toBe(false);
    }
  });
});
