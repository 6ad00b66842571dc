/** The 181 desk's messages (./handoffs.ts), kept apart so that ./messages.ts imports no schemas. */
import type { Entry } from './messages';

export const HANDOFF_MESSAGES = {
  'handoff.ref': { hi: 'संदर्भ C और 10 अंक/अक्षर (0-9, A-F) का हो, जैसे C1A2B3C4D5E।', en: 'A reference is C and 10 characters 0-9 or A-F, like C1A2B3C4D5E.' },
  'handoff.status': { hi: 'स्थिति open, closed या all हो।', en: 'The status must be open, closed or all.' },
  'handoff.notFound': { hi: 'इस संदर्भ की कोई बातचीत नहीं मिली (30 दिन बाद बातचीत हटा दी जाती है)।', en: 'No conversation has this reference (conversations are removed after 30 days).' },
  'handoff.closed': { hi: 'यह बातचीत पहले ही बंद की जा चुकी है।', en: 'This conversation has already been closed.' },
  'handoff.hasGrievance': { hi: 'इस बातचीत से परिवाद पहले ही दर्ज हो चुका है।', en: 'A grievance has already been registered from this conversation.' },
  'handoff.note': { hi: 'टिप्पणी 5 से 1000 अक्षरों में लिखें: आपने क्या किया।', en: 'Write a note of 5 to 1000 characters: what you did.' },
} satisfies Record<string, Entry>;
