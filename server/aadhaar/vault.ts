/**
 * The server's side of Aadhaar sealing. Devices never send an Aadhaar number in clear: they encrypt it
 * with this server's RSA-OAEP (SHA-256) public key and send the ciphertext with the last 4 digits. The
 * server opens it, checks it, and keeps only the last 4 and an HMAC-SHA256 of the full number (so the
 * same citizen can be recognised later without the number being recoverable from the database).
 *
 * Keys are made once, on first start, and kept in the `settings` table as one row, so two processes
 * starting together on the same PostgreSQL can never end up with halves of different key pairs.
 */
import { constants, createHmac, createPrivateKey, generateKeyPair, privateDecrypt, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { normalizeAadhaar } from '../../src/domain/identity';
import type { Db } from '../store/db';

const SETTING = 'aadhaar.keys.v1';

interface StoredKeys { privateKeyPem: string; publicKeySpki: string; hmacKey: string }

export interface AadhaarVault {
  /** The public key devices seal with: SPKI DER, base64 (WebCrypto `importKey('spki', …)`). */
  readonly publicKeySpki: string;
  /**
   * Opens a sealed Aadhaar. Returns the HMAC (hex) of the number when it decrypts to a valid 12-digit
   * Aadhaar whose last 4 digits are `last4`; null otherwise.
   */
  open(sealedBase64: string, last4: string): string | null;
}

async function makeKeys(): Promise<StoredKeys> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeySpki: publicKey.toString('base64'), hmacKey: randomBytes(32).toString('base64') };
}

async function readKeys(db: Db): Promise<StoredKeys | undefined> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]);
  return row && (JSON.parse(row.value) as StoredKeys);
}

/** Loads the keys from `settings`, making them first if this database has none. */
export async function loadAadhaarVault(db: Db): Promise<AadhaarVault> {
  let keys = await readKeys(db);
  if (!keys) {
    const fresh = await makeKeys();
    // If another process stored keys meanwhile, theirs win and ours are dropped.
    await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SETTING, JSON.stringify(fresh)]);
    keys = (await readKeys(db))!;
  }
  return vaultFrom(keys);
}

function vaultFrom(keys: StoredKeys): AadhaarVault {
  const privateKey: KeyObject = createPrivateKey(keys.privateKeyPem); // parse the PEM once, not per record
  const hmacKey = Buffer.from(keys.hmacKey, 'base64');
  return {
    publicKeySpki: keys.publicKeySpki,
    open(sealedBase64, last4) {
      let aadhaar: string;
      try {
        aadhaar = privateDecrypt(
          { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          Buffer.from(sealedBase64, 'base64'),
        ).toString('utf8');
      } catch {
        return null; // wrong key, corrupted or not RSA-OAEP at all
      }
      if (!/^\d{12}$/.test(aadhaar) || normalizeAadhaar(aadhaar) !== aadhaar || aadhaar.slice(8) !== last4) return null;
      return createHmac('sha256', hmacKey).update(aadhaar).digest('hex');
    },
  };
}
