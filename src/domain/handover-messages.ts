/** Camp mode's messages: the hand-over file's (src/domain/handover.ts) and events' (src/domain/events.ts), kept apart so that ./messages.ts imports no schemas. */
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

/** Messages of events (part of MESSAGES). */
export const EVENT_MESSAGES = {
  'event.unknown': { hi: 'यह कैंप/सम्पर्क दिवस सर्वर पर नहीं है।', en: 'The server has no such camp or Sampark Diwas.' },
  'event.kind': { hi: 'सम्पर्क दिवस या कैंप चुनें।', en: 'Choose Sampark Diwas or camp.' },
  'event.name': { hi: 'नाम 3 से 120 अक्षरों का हो।', en: 'The name must be 3 to 120 characters.' },
  'event.venue': { hi: 'स्थान 3 से 200 अक्षरों में लिखें।', en: 'Write the venue in 3 to 200 characters.' },
  'event.departments': { hi: 'कम से कम एक विभाग चुनें।', en: 'Choose at least one department.' },
  'event.people': { hi: 'खाता ID सही नहीं हैं या कोई ऑपरेटर नहीं चुना गया; ID अल्पविराम से अलग लिखें।', en: 'The account IDs are not valid, or no operator was named; separate IDs with commas.' },
  'camp.notTakingPart': { hi: 'आप इस कैंप/सम्पर्क दिवस में भाग लेने वालों में नहीं हैं।', en: 'You are not among the people taking part in this camp or Sampark Diwas.' },
  'camp.tokens': { hi: 'टोकन सूची सही नहीं है।', en: 'The token list is not valid.' },
  'event.noAccount': { hi: 'इस ID का कोई खाता नहीं है, या वह इस भूमिका का नहीं है।', en: 'There is no account with this ID, or it does not have this role.' },
} satisfies Record<string, Entry>;
