/**
 * Words of on-the-spot disposal at a camp and its slip (issue 12 item 3), and of the camp report's new
 * figures. Part of the one catalogue (src/domain/catalogue.ts), kept apart so that branches adding words do not collide.
 */
import type { Entry } from '../domain/messages';

export const CAMP_DISPOSAL_UI = {
  'cd.hintOperator': {
    hi: 'कैंप में उपस्थित अधिकारी इसी डिवाइस पर परिवाद का मौके पर निस्तारण कर सकते हैं। "अधिकारी साइन इन" दबाएँ: आपकी स्क्रीन लॉक होगी (आपका काम और कतार सुरक्षित रहते हैं), फिर "किसी और के रूप में साइन इन करें" से अधिकारी साइन इन करें। बाद में अधिकारी डिवाइस आपको लौटाएँगे और आप अपने पासवर्ड से खोलेंगे।',
    en: 'An officer present at the camp can dispose of a grievance on the spot on this device. Press "Officer sign-in": your screen locks (your work and queue stay safe), then the officer signs in with "Sign in as someone else". Afterwards the officer hands the device back and you open it with your password.',
  },
  'cd.officerSignIn': { hi: 'अधिकारी साइन इन', en: 'Officer sign-in' },
  'cd.noCamp': { hi: 'इस डिवाइस पर कोई कैंप चुना नहीं गया है (सेटिंग्स में "यहाँ नए परिवाद दर्ज करें")।', en: 'No camp is chosen on this device (Settings, "Register new grievances at").' },
  'cd.notPresent': { hi: 'आप इस कैंप ({camp}) के उपस्थित अधिकारियों में नहीं हैं; यहाँ निस्तारण नहीं कर सकते।', en: 'You are not among the officers present at this camp ({camp}); you cannot dispose here.' },
  'cd.lead': { hi: 'कैंप {camp} में इस डिवाइस पर दर्ज परिवाद (आपके विभाग के)। नेटवर्क के बिना भी निस्तारण सहेजा जाता है और परिवाद के बाद एक ही बार भेजा जाता है।', en: 'Grievances registered on this device at the camp {camp} (of your departments). A disposal is saved without the network too, and sent once, after its grievance.' },
  'cd.none': { hi: 'इस कैंप में इस डिवाइस पर आपके विभाग का कोई परिवाद दर्ज नहीं है।', en: 'No grievance of your departments is registered on this device at this camp.' },
  'cd.dispose': { hi: 'निस्तारण करें', en: 'Dispose' },
  'cd.done': { hi: 'मौके पर निस्तारित', en: 'Disposed on the spot' },
  'cd.formTitle': { hi: 'परिवाद {receipt} का निस्तारण', en: 'Dispose of grievance {receipt}' },
  'cd.outcome': { hi: 'परिणाम', en: 'Outcome' },
  'cd.remarks': { hi: 'निस्तारण का विवरण (नागरिक की पर्ची पर छपेगा)', en: 'What was done (printed on the citizen\'s slip)' },
  'cd.remarksHint': { hi: '5 से 2000 अक्षर।', en: '5 to 2000 characters.' },
  'cd.submit': { hi: 'निस्तारण सहेजें और पर्ची छापें', en: 'Save the disposal and print the slip' },
  'cd.cancel': { hi: 'रद्द करें', en: 'Cancel' },
  'cd.saved': { hi: 'निस्तारण इस डिवाइस पर सहेजा गया; नेटवर्क मिलने पर परिवाद के बाद भेजा जाएगा।', en: 'The disposal is saved on this device; it is sent after its grievance when there is a network.' },
  'cd.printAgain': { hi: 'पर्ची फिर छापें', en: 'Print the slip again' },
  'cd.handBack': { hi: 'डिवाइस ऑपरेटर को लौटाएँ', en: 'Hand the device back to the operator' },
  'cd.handBackHint': { hi: 'आपकी स्क्रीन लॉक होगी; आपके सहेजे निस्तारण आपके नाम से भेजे जाते रहेंगे। ऑपरेटर अपने पासवर्ड से खोलेंगे।', en: 'Your screen locks; your saved disposals are still sent in your name. The operator opens it with their password.' },
  'cd.noOperator': { hi: 'इस डिवाइस पर कोई ऑपरेटर साइन इन नहीं था; साइन आउट करें।', en: 'No operator was signed in on this device; sign out instead.' },
  'cd.state.saved': { hi: 'भेजा जाना बाकी', en: 'Waiting to be sent' },
  'cd.state.done': { hi: 'सर्वर पर दर्ज', en: 'On the server' },
  'cd.state.attention': { hi: 'ध्यान दें', en: 'Needs attention' },
  'camp.grievanceRefused': { hi: 'यह परिवाद सर्वर ने स्वीकार नहीं किया, इसलिए इसका निस्तारण नहीं भेजा गया। आउटबॉक्स में परिवाद देखें।', en: 'The server did not accept this grievance, so its disposal was not sent. See the grievance in the Outbox.' },
  'camp.grievanceGone': { hi: 'यह परिवाद इस डिवाइस पर नहीं मिला, इसलिए इसका निस्तारण नहीं भेजा गया।', en: 'This grievance is not on this device, so its disposal was not sent.' },
  // The slip (Hindi first, then English, whatever the screen's language).
  'slip.title': { hi: 'मौके पर निस्तारण पर्ची', en: 'On-the-spot disposal slip' },
  'slip.receipt': { hi: 'पावती संख्या', en: 'Receipt number' },
  'slip.number': { hi: 'परिवाद संख्या', en: 'Grievance number' },
  'slip.department': { hi: 'विभाग', en: 'Department' },
  'slip.outcome': { hi: 'परिणाम', en: 'Outcome' },
  'slip.remarks': { hi: 'निस्तारण', en: 'Disposal' },
  'slip.officer': { hi: 'अधिकारी', en: 'Officer' },
  'slip.camp': { hi: 'कैंप', en: 'Camp' },
  'slip.when': { hi: 'दिनांक व समय', en: 'Date and time' },
  'slip.qr': { hi: 'स्थिति जानने के लिए स्कैन करें', en: 'Scan to see the status' },
  'slip.level': { hi: 'स्तर {level}', en: 'Level {level}' },
  // The camp report's new figures.
  'camp.onTheSpot': { hi: 'मौके पर निस्तारित', en: 'Disposed on the spot' },
  'camp.tokensTitle': { hi: 'टोकन और प्रतीक्षा', en: 'Tokens and waiting' },
  'camp.tokensIssued': { hi: 'दिए गए टोकन', en: 'Tokens issued' },
  'camp.tokensServed': { hi: 'सेवा दी गई', en: 'Served' },
  'camp.waitMedian': { hi: 'प्रतीक्षा, माध्यिका (मिनट)', en: 'Wait, median (min)' },
  'camp.waitP90': { hi: 'प्रतीक्षा, 90वाँ प्रतिशतक (मिनट)', en: 'Wait, 90th percentile (min)' },
  'camp.counter': { hi: 'काउंटर {c}', en: 'Counter {c}' },
  'camp.counterCol': { hi: 'काउंटर', en: 'Counter' },
  'camp.allCounters': { hi: 'सभी काउंटर', en: 'All counters' },
  'camp.noTokens': { hi: 'इस कैंप के किसी डेस्क डिवाइस ने अभी टोकन सूची नहीं भेजी है।', en: 'No desk device of this camp has sent its token log yet.' },
  'camp.tokenDevices': { hi: '{n} डेस्क डिवाइस से।', en: 'From {n} desk device(s).' },
} satisfies Record<string, Entry>;

