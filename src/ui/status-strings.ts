/**
 * The Status screen's words for citizens' privacy between kiosks: what another kiosk is shown, the
 * citizen's mobile number, and the one-time code sent to it (src/domain/otp.ts). Part of the one
 * catalogue (src/domain/catalogue.ts), travelling in the screen's chunk. Words per PRODUCT.md (परिवाद, परिवादी).
 */
import type { Entry } from '../domain/messages';

export const STATUS_PRIVACY_UI = {
  'lookup.mobile': { hi: 'परिवादी का मोबाइल नंबर (वैकल्पिक)', en: "Citizen's mobile number (optional)" },
  'lookup.mobileHint': {
    hi: 'किसी दूसरे कियोस्क पर दर्ज परिवाद के लिए: परिवादी का अपना मोबाइल नंबर लिखने पर उसका विवरण दिखता है।',
    en: "For a grievance registered at another kiosk: with the citizen's own mobile number its details are shown.",
  },
  'lookup.other': { hi: 'दूसरे कियोस्क पर दर्ज परिवाद', en: 'Grievance registered at another kiosk' },
  'lookup.otherNumbered': { hi: 'परिवाद {n} (दूसरे कियोस्क पर दर्ज)', en: 'Grievance {n} (registered at another kiosk)' },
  'lookup.limited': {
    hi: 'यह परिवाद दूसरे कियोस्क पर दर्ज हुआ था: केवल उसकी स्थिति दिखाई गई है, परिवादी की कोई जानकारी नहीं।',
    en: 'Registered at another kiosk: only where it stands is shown, nothing about the citizen.',
  },
  'lookup.mobileMismatch': {
    hi: 'लिखा गया मोबाइल नंबर इस परिवाद के साथ दर्ज नंबर से मेल नहीं खाता।',
    en: 'The mobile number given is not the one registered with this grievance.',
  },
  'code.title': { hi: 'परिवादी का कोड', en: "Citizen's code" },
  'code.lead': {
    hi: 'विवरण देखने या परिवादी की संतुष्टि अथवा पुनः खोलने का अनुरोध दर्ज करने के लिए, परिवाद के साथ दर्ज मोबाइल पर कोड भेजें और परिवादी द्वारा बताया गया कोड लिखें।',
    en: "To see the details, or to record the citizen's feedback or a reopen, send a code to the mobile number registered with the grievance and type the code the citizen reads out.",
  },
  'code.send': { hi: 'कोड भेजें', en: 'Send code' },
  'code.sending': { hi: 'कोड भेजा जा रहा है…', en: 'Sending the code…' },
  'code.sent': {
    hi: '{n} अंकों का कोड परिवादी के मोबाइल पर SMS से भेजा गया। यह {time} तक मान्य है ({tries} प्रयास)।',
    en: "A {n}-digit code was sent by SMS to the citizen's mobile. It works until {time} ({tries} tries).",
  },
  'code.field': { hi: 'कोड', en: 'Code' },
  'code.hint': { hi: 'परिवादी को मिले SMS के 6 अंक।', en: 'The 6 digits of the SMS the citizen received.' },
  'code.check': { hi: 'कोड जाँचें', en: 'Check code' },
  'code.checking': { hi: 'कोड जाँचा जा रहा है…', en: 'Checking the code…' },
  'code.empty': { hi: 'परिवादी से कोड पूछकर लिखें।', en: 'Ask the citizen for the code and type it.' },
  'code.ok': {
    hi: 'कोड सही है: विवरण नीचे है, और आप परिवादी की संतुष्टि या पुनः खोलने का अनुरोध दर्ज कर सकते हैं।',
    en: "Code accepted: the details are below, and you can record the citizen's feedback or a reopen.",
  },
  'code.failed': { hi: 'कोड नहीं भेजा जा सका: {msg}', en: 'The code could not be sent: {msg}' },
} satisfies Record<string, Entry>;

