/** The hand-over file's messages (src/domain/handover.ts), kept apart so that ./messages.ts imports no schemas. */
import type { Entry } from './messages';

/** Messages of the hand-over file (part of MESSAGES: the server answers with them, the device shows them). */
export const HANDOVER_MESSAGES = {
  'handover.malformed': {
    hi: 'यह हैंड-ओवर फ़ाइल पूरी या सही नहीं है (शायद अधूरी कॉपी हुई या खराब हो गई)। कुछ भी दर्ज नहीं किया गया। मूल डिवाइस से फ़ाइल फिर से निर्यात करें।',
    en: 'This is not a complete hand-over file (it may have been cut short or damaged). Nothing was registered. Export the file again on the original device.',
  },
  'handover.changed': {
    hi: 'यह हैंड-ओवर फ़ाइल निर्यात के बाद बदली गई है: उसका हस्ताक्षर मेल नहीं खाता। पूरी फ़ाइल अस्वीकार की गई, कुछ भी दर्ज नहीं किया गया। मूल डिवाइस से फ़ाइल फिर से निर्यात करें।',
    en: 'This hand-over file was changed after it was exported: its signature does not match. The whole file was refused and nothing was registered. Export the file again on the original device.',
  },
  'handover.unknownDevice': {
    hi: 'यह हैंड-ओवर फ़ाइल ऐसे डिवाइस की है जिसकी कुंजी सर्वर पर दर्ज नहीं है। कुछ भी दर्ज नहीं किया गया। वह डिवाइस एक बार ऑनलाइन साइन इन करे, या सहायता डेस्क से संपर्क करें।',
    en: 'This hand-over file comes from a device whose key the server does not know. Nothing was registered. That device must sign in online once, or contact the help desk.',
  },
  'handover.keyTaken': {
    hi: 'यह डिवाइस कुंजी किसी दूसरे डिवाइस या कियोस्क के नाम पर दर्ज है।',
    en: 'This device key is registered to another device or kiosk.',
  },
} satisfies Record<string, Entry>;
