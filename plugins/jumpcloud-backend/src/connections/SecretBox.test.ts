import { SecretBox } from './SecretBox';

describe('SecretBox', () => {
  const box = new SecretBox('a-test-secret-that-is-long-enough');

  it('round-trips and never stores the clear text', () => {
    const sealed = box.encrypt('jc_api_key_1234567890abcdef');
    expect(sealed).not.toContain('jc_api_key');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.decrypt(sealed)).toBe('jc_api_key_1234567890abcdef');
  });

  it('uses a fresh IV for each encryption', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses a value sealed with another secret', () => {
    const other = new SecretBox('another-secret-entirely-different');
    expect(() => box.decrypt(other.encrypt('key'))).toThrow(
      /jumpcloud.encryptionSecret/,
    );
  });

  it('refuses tampered ciphertext', () => {
    const [v, iv, tag, ct] = box.encrypt('some-key-value').split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      box.decrypt([v, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => box.decrypt('not-a-sealed-value')).toThrow(/Unrecognised/);
  });
});
