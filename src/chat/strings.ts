/**
 * What the citizen assistant says, Hindi first then English. `{name}` placeholders are filled by `say`.
 * Choices (buttons) are texts too: a button sends its label back, and ./nlu.ts reads the labels of both
 * languages, so a reply typed in the other language is understood as well.
 */
import { format, type Entry, type Lang } from '../domain/catalogue';
import { STATUS_LABELS } from '../domain/labels';
import { STATUSES } from '../domain/workflow';


export const CHAT_STRINGS = {
  welcome: {
    hi: 'नमस्ते! मैं राजस्थान सम्पर्क सहायक हूँ। मैं नया परिवाद दर्ज कर सकता हूँ, परिवाद की स्थिति बता सकता हूँ, निस्तारण पर आपकी राय ले सकता हूँ और सामान्य प्रश्नों के उत्तर दे सकता हूँ। आप क्या करना चाहेंगे?',
    en: 'Hello! I am the Rajasthan Sampark assistant. I can register a new grievance, tell you the status of a grievance, take your feedback on a disposal and answer common questions. What would you like to do?',
  },
  menu: { hi: 'आप क्या करना चाहेंगे?', en: 'What would you like to do?' },
  notUnderstood: {
    hi: 'माफ़ कीजिए, मैं समझ नहीं पाया। नीचे से चुनें या अपनी बात दूसरे शब्दों में लिखें।',
    en: 'Sorry, I did not understand. Choose below or say it in other words.',
  },
  'choice.register': { hi: 'नया परिवाद', en: 'New grievance' },
  'choice.status': { hi: 'परिवाद की स्थिति', en: 'Grievance status' },
  'choice.feedback': { hi: 'निस्तारण पर राय', en: 'Feedback on disposal' },
  'choice.faq': { hi: 'सामान्य प्रश्न', en: 'Common questions' },
  'choice.human': { hi: '181 से बात करें', en: 'Talk to 181' },
  'choice.menu': { hi: 'मुख्य मेनू', en: 'Main menu' },
  'choice.yes': { hi: 'हाँ', en: 'Yes' },
  'choice.no': { hi: 'नहीं', en: 'No' },
  'choice.resend': { hi: 'नया कोड भेजें', en: 'Send a new code' },
  'choice.satisfied': { hi: 'संतुष्ट', en: 'Satisfied' },
  'choice.notSatisfied': { hi: 'संतुष्ट नहीं', en: 'Not satisfied' },
  'choice.rural': { hi: 'गाँव', en: 'Village' },
  'choice.urban': { hi: 'शहर', en: 'Town' },
  'choice.otherDept': { hi: 'दूसरा विभाग', en: 'Another department' },
  'choice.skip': { hi: 'छोड़ें', en: 'Skip' },
  'choice.addPhoto': { hi: 'फ़ोटो जोड़ें', en: 'Add a photo' },

  'status.ask': {
    hi: 'कृपया परिवाद संख्या (13 अंक) या रसीद संख्या और परिवाद में दिया गया मोबाइल नंबर लिखें। केवल मोबाइल नंबर लिखेंगे तो उस नंबर के सभी परिवाद दिखेंगे।',
    en: 'Please type the grievance number (13 digits) or receipt number and the mobile number given in the grievance. With a mobile number alone you will see all its grievances.',
  },
  'status.askMobile': {
    hi: 'परिवाद में दिया गया मोबाइल नंबर लिखें। उसी पर एक कोड भेजा जाएगा।',
    en: 'Type the mobile number given in the grievance. A code will be sent to it.',
  },
  'status.badNumber': {
    hi: 'यह परिवाद संख्या सही नहीं लगती (अंतिम जाँच अंक मेल नहीं खाता)। कृपया दोबारा देखकर लिखें।',
    en: 'This grievance number does not look right (its check digit does not match). Please check it and type it again.',
  },
  'code.sent': {
    hi: 'यदि यह परिवाद इस मोबाइल नंबर ({mobile}) से दर्ज है, तो उस पर 6 अंकों का कोड भेज दिया गया है। कोड यहाँ लिखें (10 मिनट तक मान्य)। कोड न आए तो नंबर जाँचें या 181 पर कॉल करें।',
    en: 'If this grievance is registered with this mobile number ({mobile}), a 6-digit code has been sent to it. Type the code here (it works for 10 minutes). If no code comes, check the numbers or call 181.',
  },
  'code.sentMobile': {
    hi: 'मोबाइल नंबर {mobile} पर 6 अंकों का कोड भेज दिया गया है। कोड यहाँ लिखें (10 मिनट तक मान्य)।',
    en: 'A 6-digit code has been sent to the mobile number {mobile}. Type the code here (it works for 10 minutes).',
  },
  'code.ask': { hi: 'कृपया मोबाइल पर आया 6 अंकों का कोड लिखें।', en: 'Please type the 6-digit code you received on your mobile.' },
  'code.wrong': { hi: 'यह कोड सही नहीं है। {tries} प्रयास बाकी हैं।', en: 'That code is not right. {tries} tries left.' },
  'code.locked': {
    hi: 'बहुत बार गलत कोड लिखा गया। नया कोड मँगाएँ।',
    en: 'Too many wrong codes. Ask for a new code.',
  },
  'code.expired': { hi: 'कोड की अवधि समाप्त हो गई। नया कोड मँगाएँ।', en: 'The code has expired. Ask for a new code.' },
  'code.tooMany': {
    hi: 'इस मोबाइल पर अभी बहुत से कोड भेजे जा चुके हैं। {minutes} मिनट बाद पुनः प्रयास करें या 181 पर कॉल करें।',
    en: 'Too many codes have been sent to this mobile. Try again in {minutes} minutes or call 181.',
  },
  'status.none': {
    hi: 'इस मोबाइल नंबर से कोई परिवाद नहीं मिला।',
    en: 'No grievance was found for this mobile number.',
  },
  'status.line': {
    hi: 'परिवाद {number} ({department}, {district}): {status}। दर्ज: {registered}।{outcome}',
    en: 'Grievance {number} ({department}, {district}): {status}. Registered on {registered}.{outcome}',
  },
  'status.outcome': { hi: ' निस्तारण: {outcome}।', en: ' Disposal: {outcome}.' },
  'status.more': { hi: 'और कुछ?', en: 'Anything else?' },
  'status.canFeedback': {
    hi: 'इस परिवाद का निस्तारण हो चुका है। क्या आप इससे संतुष्ट हैं?',
    en: 'This grievance has been disposed. Are you satisfied with it?',
  },
  'feedback.pick': { hi: 'किस परिवाद पर राय देना चाहेंगे?', en: 'Which grievance is your feedback about?' },
  'feedback.notDisposed': {
    hi: 'इस परिवाद का अभी निस्तारण नहीं हुआ है; निस्तारण के बाद आप राय दे सकेंगे।',
    en: 'This grievance has not been disposed yet; you can give feedback once it is.',
  },
  'feedback.thanks': {
    hi: 'धन्यवाद। आपकी संतुष्टि दर्ज हो गई (आपके मोबाइल कोड से सत्यापित) और परिवाद बंद कर दिया गया।',
    en: 'Thank you. Your satisfaction is recorded (verified by your mobile code) and the grievance is closed.',
  },
  'feedback.askReason': { hi: 'आप संतुष्ट क्यों नहीं हैं? संक्षेप में लिखें।', en: 'Why are you not satisfied? Please say briefly.' },
  'feedback.recorded': {
    hi: 'आपकी असंतुष्टि दर्ज हो गई (आपके मोबाइल कोड से सत्यापित)। क्या परिवाद पुनः खुलवाना चाहेंगे?',
    en: 'Your dissatisfaction is recorded (verified by your mobile code). Would you like the grievance reopened?',
  },
  'feedback.reopened': {
    hi: 'परिवाद {number} पुनः खोल दिया गया है और अधिकारी को भेज दिया गया है।',
    en: 'Grievance {number} has been reopened and sent back to the officer.',
  },
  'feedback.notReopened': { hi: 'ठीक है, परिवाद पुनः नहीं खोला गया।', en: 'All right, the grievance was not reopened.' },
  'feedback.refused': {
    hi: 'यह अभी दर्ज नहीं हो सका: {reason}',
    en: 'This could not be recorded now: {reason}',
  },

  'reg.askDescription': {
    hi: 'अपनी समस्या लिखें: क्या समस्या है, कहाँ है और कब से है।',
    en: 'Describe your problem: what it is, where, and since when.',
  },
  'reg.shortDescription': {
    hi: 'कृपया समस्या थोड़ा विस्तार से लिखें (कम से कम 10 अक्षर)।',
    en: 'Please describe the problem in a little more detail (at least 10 characters).',
  },
  'reg.confirmDept': { hi: 'यह समस्या {department} विभाग की लगती है। क्या यह सही है?', en: 'This looks like a matter for {department}. Is that right?' },
  'reg.pickDept': { hi: 'कौन सा विभाग? नीचे से चुनें या विभाग का नाम लिखें।', en: 'Which department? Choose below or type its name.' },
  'reg.askDistrict': { hi: 'आपका जिला कौन सा है?', en: 'Which district are you in?' },
  'reg.badDistrict': { hi: 'यह जिला पहचान में नहीं आया। राजस्थान के जिले का नाम लिखें।', en: 'I did not recognise that district. Type the name of a district of Rajasthan.' },
  'reg.askArea': { hi: 'समस्या गाँव में है या शहर में?', en: 'Is the problem in a village or in a town?' },
  'reg.askPlace': { hi: 'गाँव / मोहल्ले / वार्ड का नाम लिखें।', en: 'Type the name of the village, locality or ward.' },
  'reg.askPhoto': {
    hi: 'क्या आप समस्या की एक फ़ोटो जोड़ना चाहेंगे? यह वैकल्पिक है; इससे अधिकारी समस्या देख सकेंगे।',
    en: 'Would you like to add a photo of the problem? It is optional; it lets the officer see the problem.',
  },
  'reg.photoWaiting': {
    hi: 'फ़ोटो अभी नहीं मिली। फ़ोटो चुनें (WhatsApp पर फ़ोटो भेजें), या "छोड़ें" चुनें।',
    en: 'No photo has arrived yet. Choose a photo (on WhatsApp: send it as a picture), or choose "Skip".',
  },
  'reg.photoReceived': { hi: 'फ़ोटो मिल गई; यह परिवाद के साथ जुड़ेगी।', en: 'Photo received; it will be attached to the grievance.' },
  'reg.photoNotRegistering': {
    hi: 'फ़ोटो केवल नया परिवाद दर्ज करते समय जोड़ी जा सकती है। पहले "नया परिवाद" लिखें, फिर पूछे जाने पर फ़ोटो भेजें।',
    en: 'A photo can be added only while registering a grievance. Type "New grievance" first, then send the photo when asked.',
  },
  'reg.photoYes': { hi: '1 जुड़ी है', en: '1 attached' },
  'reg.photoNo': { hi: 'नहीं', en: 'none' },
  'reg.askName': { hi: 'आपका नाम क्या है?', en: 'What is your name?' },
  'reg.badName': { hi: 'नाम 2 से 100 अक्षरों का हो, उसमें अंक न हों।', en: 'The name must be 2 to 100 letters, with no digits.' },
  'reg.askMobile': {
    hi: 'आपका मोबाइल नंबर? उस पर एक कोड भेजा जाएगा जिससे पुष्टि होगी कि नंबर आपका है।',
    en: 'Your mobile number? A code will be sent to it to confirm that it is yours.',
  },
  'reg.badMobile': { hi: 'मोबाइल नंबर 10 अंकों का हो और 6, 7, 8 या 9 से शुरू हो।', en: 'The mobile number must be 10 digits starting with 6, 7, 8 or 9.' },
  'reg.summary': {
    hi: 'कृपया जाँच लें:\nनाम: {name}\nमोबाइल: {mobile} (सत्यापित)\nजिला: {district}\nस्थान: {place}\nविभाग: {department}\nसमस्या: {description}\nफ़ोटो: {photo}\nक्या यह परिवाद दर्ज करें?',
    en: 'Please check:\nName: {name}\nMobile: {mobile} (verified)\nDistrict: {district}\nPlace: {place}\nDepartment: {department}\nProblem: {description}\nPhoto: {photo}\nShall I register this grievance?',
  },
  'reg.done': {
    hi: 'आपका परिवाद दर्ज हो गया। परिवाद संख्या {number}। यह संबंधित अधिकारी को भेज दिया गया है; SMS भी आएगा।',
    en: 'Your grievance is registered. Grievance number {number}. It has been sent to the officer concerned; an SMS will follow.',
  },
  'reg.cancelled': { hi: 'ठीक है, कुछ दर्ज नहीं किया गया।', en: 'All right, nothing was registered.' },
  'reg.change': { hi: 'क्या बदलना है? नीचे से चुनें।', en: 'What should be changed? Choose below.' },
  'reg.failed': { hi: 'परिवाद अभी दर्ज नहीं हो सका: {reason} आप 181 पर भी कॉल कर सकते हैं।', en: 'The grievance could not be registered now: {reason} You can also call 181.' },

  'reg.askMobileGuided': {
    hi: 'नागरिक का मोबाइल नंबर? (कियोस्क पर कोड से सत्यापन नहीं होता: आप पुष्टि करेंगे कि नंबर नागरिक ने स्वयं बताया है।)',
    en: "The citizen's mobile number? (It is not verified by a code at the kiosk: you will confirm that the citizen gave it.)",
  },
  'reg.summaryGuided': {
    hi: 'नागरिक को पढ़कर सुनाएँ:\nनाम: {name}\nमोबाइल: {mobile} (कोड से सत्यापित नहीं)\nजिला: {district}\nस्थान: {place}\nविभाग: {department}\nसमस्या: {description}\n"हाँ" चुनकर आप पुष्टि करते हैं कि नागरिक ने परिवाद दर्ज करने और इन विवरणों के उपयोग की सहमति दी है और मोबाइल नंबर उन्हीं का है। दर्ज करें?',
    en: 'Read this out to the citizen:\nName: {name}\nMobile: {mobile} (not verified by a code)\nDistrict: {district}\nPlace: {place}\nDepartment: {department}\nProblem: {description}\nBy choosing "Yes" you confirm that the citizen consents to registering this grievance and to the use of these details, and that the mobile number is theirs. Register it?',
  },
  'reg.savedGuided': {
    hi: 'परिवाद इस कियोस्क पर रसीद संख्या {number} के साथ सहेज दिया गया। नेटवर्क मिलते ही यह भेजा जाएगा और नागरिक को परिवाद संख्या SMS से मिलेगी। रसीद नीचे है।',
    en: 'The grievance is saved on this kiosk with receipt number {number}. It will be sent as soon as there is a network, and the citizen will get the grievance number by SMS. The receipt is below.',
  },
  'guided.elsewhere': {
    hi: 'निर्देशित मोड में नया परिवाद और सामान्य प्रश्न ही हैं। स्थिति और राय के लिए मेनू में "स्थिति" स्क्रीन खोलें; 181 पर नागरिक स्वयं कॉल कर सकते हैं।',
    en: 'Guided mode registers grievances and answers common questions only. For a status or feedback, open the Status screen from the menu; the citizen can call 181 themselves.',
  },
  'faq.pick': { hi: 'किस बारे में जानना चाहेंगे?', en: 'What would you like to know?' },
  'faq.none': {
    hi: 'इस प्रश्न का उत्तर मेरे पास नहीं है। आप 181 पर कॉल कर सकते हैं।',
    en: 'I do not have an answer to that. You can call 181.',
  },
  'human.done': {
    hi: 'आपकी बातचीत 181 हेल्पलाइन के लिए संदर्भ {ref} के साथ सहेज दी गई है। 181 पर कॉल करें और यह संदर्भ बताएँ; वहाँ आपकी पूरी बातचीत दिखेगी।',
    en: 'Your conversation has been saved for the 181 helpline under reference {ref}. Call 181 and give this reference; they will see the whole conversation.',
  },
  'limit.conversation': {
    hi: 'बहुत से संदेश एक साथ आए। थोड़ी देर बाद लिखें।',
    en: 'Too many messages at once. Please write again in a little while.',
  },
} satisfies Record<string, Entry>;

export type ChatKey = keyof typeof CHAT_STRINGS;

/** The text of `key` in `lang` with `{name}` placeholders filled. */
export function say(key: ChatKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return format(CHAT_STRINGS[key][lang], lang, values);
}

/**
 * The status of a grievance in words: the one label in Hindi with the status's English name after it; in English
 * exactly the status names the acceptance tests read ("in progress").
 */
export const STATUS_WORDS: Record<string, Entry> = Object.fromEntries(STATUSES.map((s) => {
  const name = s.replace('_', ' ');
  return [s, { hi: `${STATUS_LABELS[s].hi} (${name})`, en: name }];
}));
