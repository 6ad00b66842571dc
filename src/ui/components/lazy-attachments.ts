/** The intake form's attachments field and the thumbnails, fetched when first shown (not at first load). */
import { lazyComponent } from '../lazy';
import type { AttachmentsFieldProps } from './attachments-field';

export const AttachmentsField = lazyComponent<AttachmentsFieldProps>(() => import('./attachments-field').then((m) => m.AttachmentsField));
export const AttachmentThumbs = lazyComponent<{ clientId: string; count: number; lang: import('../i18n').Lang }>(() => import('./attachment-thumbs').then((m) => m.AttachmentThumbs));
