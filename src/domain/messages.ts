/**
 * Bilingual messages for validation and API errors. Schemas carry only a key (e.g. 'err.mobile'); the
 * form shows it in the UI language, the server answers with both. Part of the one dictionary that the UI
 * composes in src/ui/i18n.ts.
 */
export type Lang = 'hi' | 'en';
export type Entry = { hi: string; en: string };

export const MESSAGES = {
  'err.required': { hi: 'यह भरना आवश्यक है।', en: 'This field is required.' },
  'err.name': { hi: 'नाम 2 से 100 अक्षरों का हो, उसमें अंक न हों।', en: 'Name must be 2 to 100 letters, with no digits.' },
  'err.mobile': { hi: 'मोबाइल नंबर 10 अंकों का हो और 6, 7, 8 या 9 से शुरू हो।', en: 'Mobile number must be 10 digits starting with 6, 7, 8 or 9.' },
  'err.aadhaar': { hi: 'आधार संख्या सही नहीं है: 12 अंक, जाँच अंक मेल नहीं खाता।', en: 'Aadhaar number is not valid: it must be 12 digits with a correct check digit.' },
  'err.aadhaarKey': { hi: 'आधार दर्ज करने के लिए एक बार नेटवर्क से जुड़ें।', en: 'Connect to the network once to enable Aadhaar entry.' },
  'err.janAadhaar': { hi: 'जन आधार: परिवार ID 10 अंक या सदस्य ID 11 अंक।', en: 'Jan Aadhaar: family ID is 10 digits, member ID is 11 digits.' },
  'err.pin': { hi: 'राजस्थान का पिन कोड 30 से 34 से शुरू होने वाले 6 अंकों का होता है।', en: 'A Rajasthan PIN code is 6 digits starting 30 to 34.' },
  'err.address': { hi: 'पता 300 अक्षरों से अधिक न हो।', en: 'Address must be at most 300 characters.' },
  'err.areaType': { hi: 'ग्रामीण या शहरी चुनें।', en: 'Choose rural or urban.' },
  'err.district': { hi: 'सूची में से जिला चुनें।', en: 'Choose a district from the list.' },
  'err.tehsil': { hi: 'इस जिले की तहसील/पंचायत समिति चुनें।', en: 'Choose a tehsil or block of this district.' },
  'err.department': { hi: 'सूची में से विभाग चुनें।', en: 'Choose a department from the list.' },
  'err.category': { hi: 'इस विभाग की श्रेणी चुनें।', en: 'Choose a category of this department.' },
  'err.description': { hi: 'परिवाद का विवरण 10 से 4000 अक्षरों में लिखें।', en: 'Describe the grievance in 10 to 4000 characters.' },
  'err.consent': { hi: 'परिवादी की सहमति आवश्यक है।', en: "The citizen's consent is required." },
  'err.kiosk': { hi: 'कियोस्क कोड K से शुरू होकर अंकों का होता है (जैसे K1023456)।', en: 'Kiosk code is K followed by digits (e.g. K1023456).' },
  'err.invalid': { hi: 'यह मान सही नहीं है।', en: 'This value is not valid.' },
  'err.unknownField': { hi: 'अनजान फ़ील्ड भेजा गया।', en: 'An unknown field was sent.' },
  'err.quota': { hi: 'डिवाइस में जगह भर गई है: परिवाद सहेजा नहीं गया। पहले नेटवर्क से जोड़कर भेजे गए परिवाद सिंक करें, फिर पुनः प्रयास करें।', en: 'The device is out of space: the grievance was NOT saved. Connect and sync to free space, then try again.' },
  'err.save': { hi: 'परिवाद डिवाइस पर सहेजा नहीं जा सका; कुछ भी आंशिक रूप से नहीं सहेजा गया। पुनः प्रयास करें।', en: 'The grievance could not be saved on this device; nothing was half-saved. Try again.' },
  'api.badJson': { hi: 'अनुरोध का JSON पढ़ा नहीं जा सका।', en: 'The request body is not valid JSON.' },
  'api.tooLarge': { hi: 'अनुरोध बहुत बड़ा है।', en: 'The request body is too large.' },
  'api.mediaType': { hi: 'अनुरोध application/json में भेजें।', en: 'Send the request as application/json.' },
  'api.invalid': { hi: 'अनुरोध में त्रुटियाँ हैं, फ़ील्ड देखें।', en: 'The request has errors; see the fields.' },
  'api.notFound': { hi: 'यह पता मौजूद नहीं है।', en: 'No such route.' },
  'api.conflict': { hi: 'इसी पहचान से अलग सामग्री वाला परिवाद पहले से दर्ज है।', en: 'A grievance with this client id but different content is already registered.' },
  'api.internal': { hi: 'सर्वर में त्रुटि हुई; बाद में पुनः प्रयास करें।', en: 'The server had an error; try again later.' },
  'api.busy': { hi: 'सर्वर व्यस्त है; थोड़ी देर में पुनः प्रयास होगा।', en: 'The server is busy; it will be retried shortly.' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

/** The message for `key` in `lang`; unknown keys fall back to the generic 'err.invalid'. */
export function message(key: string, lang: Lang): string {
  return (MESSAGES as Record<string, Entry>)[key]?.[lang] ?? MESSAGES['err.invalid'][lang];
}
