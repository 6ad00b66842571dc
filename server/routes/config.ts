/** GET /api/config: what a device needs before it can work offline (the Aadhaar sealing key, batch size, attachment limits). */
import { ATTACHMENT_LIMITS } from '../../src/domain/attachments';
import { MAX_BATCH, ServerConfig } from '../../src/domain/schemas';
import type { AadhaarVault } from '../aadhaar/vault';
import type { ApiRoute } from './registry';

export const configRoute = (vault: AadhaarVault): ApiRoute => ({
  method: 'GET',
  url: '/api/config',
  summary: 'Device configuration: the public key that seals Aadhaar numbers (SPKI, base64) and the largest batch',
  response: ServerConfig,
  // SYNC_BATCH lets operations ask devices for smaller batches (slow links, load shedding).
  handler: async (): Promise<ServerConfig> => ({
    aadhaarKey: vault.publicKeySpki,
    maxBatch: Math.min(MAX_BATCH, Number(process.env.SYNC_BATCH) || MAX_BATCH),
    attachments: ATTACHMENT_LIMITS,
  }),
});
