/**
 * The outbox screen's words for a record the server failed on every time (src/sync/poison.ts), part of
 * the one catalogue (src/domain/catalogue.ts) (kept apart so that branches adding outbox words do not collide).
 */
import type { Entry } from '../domain/messages';

export const OUTBOX_POISON_UI = {
  'syncerr.poison': {
    hi: 'सर्वर इस परिवाद को हर बार भेजने पर विफल हुआ, जबकि बाकी परिवाद पहुँच गए। इसे अलग रखा गया है ताकि बाकी न रुकें; यह इस डिवाइस पर सुरक्षित है।',
    en: 'The server failed every time this grievance was sent, while the others went through. It has been set aside so that the rest are not held up; it is still safe on this device.',
  },
  'todo.poison': {
    hi: '“फिर से भेजें” दबाकर एक बार और प्रयास करें (जैसे सहायता डेस्क के बताने पर कि सर्वर ठीक हो गया है), या कोई जानकारी गलत हो सकती हो तो “सुधारें और दोबारा भेजें” दबाएँ। फिर भी न जाए तो यह पावती संख्या लेकर सहायता डेस्क से संपर्क करें।',
    en: 'Press “Send again” to try once more (for example once the help desk says the server is fixed), or “Correct and resend” if something in it may be wrong. If it still fails, contact the help desk and give this receipt number.',
  },
  'outbox.resend': { hi: 'फिर से भेजें', en: 'Send again' },
} satisfies Record<string, Entry>;

