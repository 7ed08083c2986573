import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

const FORMAT_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
// Fixed salt/info: the key only has to be stable for one secret, and a
// different purpose string keeps it apart from any other use of the secret.
const HKDF_SALT = 'backstage-jumpcloud';
const HKDF_INFO = 'jumpcloud api key encryption v1';

/**
 * Encrypts API keys at rest with AES-256-GCM. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), so tampering fails authentication.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (!secret) {
      throw new Error('SecretBox needs a non-empty secret');
    }
    this.#key = Buffer.from(
      hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32),
    );
  }

  encrypt(plainText: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    const cipherText = Buffer.concat([
      cipher.update(plainText, 'utf8'),
      cipher.final(),
    ]);
    return [
      FORMAT_VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      cipherText.toString('base64url'),
    ].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, cipherText] = sealed.split('.');
    if (version !== FORMAT_VERSION || !iv || !tag || cipherText === undefined) {
      throw new Error('Unrecognised encrypted value');
    }
    const decipher = createDecipheriv(
      ALGORITHM,
      this.#key,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(cipherText, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // The secret changed or the row was edited: say so without details.
      throw new Error(
        'Could not decrypt the stored API key (was jumpcloud.encryptionSecret changed?)',
      );
    }
  }
}
