/**
 * Why a registration or a correction on the device was refused. A module of its own, without Dexie, so
 * that the page can tell them apart with `instanceof` (src/ui/intake/save-intake.ts) without loading the
 * database code before it is needed.
 */

/** Why the signed-in flow cannot register: nobody is signed in, the screen is locked, or the account has no kiosk. */
export class NotSignedIn extends Error {
  override name = 'NotSignedIn';
}

/** Why a list of files cannot go with a grievance (count, total, a bad reference); checked before the transaction. */
export class AttachmentsRefused extends Error {
  override name = 'AttachmentsRefused';
  constructor(readonly key: string) {
    super(`attachments refused (${key})`);
  }
}

/** Why a correction or a discard was refused: no such record, not the signed-in operator's, or not in Needs attention. */
export class NotCorrectable extends Error {
  override name = 'NotCorrectable';
  constructor() {
    super('not correctable: not the signed-in operator\'s record in Needs attention');
  }
}
