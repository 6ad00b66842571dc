/**
 * Camp mode's words (issue 12): the hand-over file on the Outbox and in Settings. Part of the one catalogue
 * of src/ui/i18n.ts, kept apart so that branches adding words do not collide. The server's own messages
 * (handover.malformed, .changed, .unknownDevice) are in src/domain/handover-messages.ts.
 */
import type { Entry } from '../domain/messages';

export const CAMP_UI = {
  'handover.export': { hi: 'हैंड-ओवर फ़ाइल निर्यात करें', en: 'Export hand-over file' },
  'handover.exportHint': {
    hi: 'नेटवर्क न मिले तो: इस कियोस्क के जो परिवाद अभी नहीं भेजे गए, वे (फ़ाइलों सहित) एक हस्ताक्षरित फ़ाइल में सहेजें। ऑनलाइन कोई दूसरा डिवाइस उसे सेटिंग्स में आयात करके भेज सकता है।',
    en: 'When there is no network: save the grievances of this kiosk not yet sent (with their files) as one signed file. Another device that is online can import it in Settings and send them.',
  },
  'handover.exporting': { hi: 'फ़ाइल बनाई जा रही है…', en: 'Making the file…' },
  'handover.exported': {
    hi: 'हैंड-ओवर फ़ाइल {file} सहेजी गई: {n} परिवाद, {f} फ़ाइलें, {a} कार्रवाइयाँ। ये इस डिवाइस पर भी रहेंगे और बाद में दोबारा दर्ज हुए बिना भेजे जाएँगे।',
    en: 'Hand-over file {file} saved: {n} grievances, {f} files, {a} actions. They also stay on this device and will be sent later without being registered twice.',
  },
  'handover.nothing': { hi: 'इस कियोस्क का कोई परिवाद भेजे जाने को बाकी नहीं है; फ़ाइल नहीं बनाई गई।', en: 'No grievance of this kiosk is waiting to be sent; no file was made.' },
  'handover.noKey': {
    hi: 'इस डिवाइस की हैंड-ओवर कुंजी अभी सर्वर पर दर्ज नहीं है। नेटवर्क मिलने पर एक बार ऑनलाइन साइन इन करें।',
    en: 'This device\'s hand-over key is not yet registered with the server. Sign in online once when there is a network.',
  },
  'handover.notOperator': { hi: 'हैंड-ओवर फ़ाइल केवल ऑपरेटर खाते से निर्यात होती है।', en: 'Only an operator account exports a hand-over file.' },
  'handover.exportFailed': { hi: 'फ़ाइल नहीं बन सकी। दोबारा प्रयास करें; परिवाद इस डिवाइस पर सुरक्षित हैं।', en: 'The file could not be made. Try again; the grievances are safe on this device.' },
  'handover.import': { hi: 'हैंड-ओवर फ़ाइल आयात करें', en: 'Import hand-over file' },
  'handover.importTitle': { hi: 'कैंप से हैंड-ओवर फ़ाइल', en: 'Hand-over file from a camp' },
  'handover.importHint': {
    hi: 'किसी दूसरे डिवाइस से निर्यात की गई फ़ाइल चुनें। उसके परिवाद मूल कियोस्क और ऑपरेटर के नाम से, एक ही बार, दर्ज होंगे। इसके लिए ऑनलाइन होना आवश्यक है।',
    en: 'Choose a file exported on another device. Its grievances are registered once, in the name of the original kiosk and operator. This needs the network.',
  },
  'handover.importing': { hi: 'फ़ाइल भेजी जा रही है…', en: 'Sending the file…' },
  'handover.imported': {
    hi: 'कियोस्क {kiosk} (डिवाइस {device}) की फ़ाइल आयात हुई: {created} नए दर्ज, {duplicate} पहले से सर्वर पर, {invalid} अस्वीकार।',
    en: 'File of kiosk {kiosk} (device {device}) imported: {created} newly registered, {duplicate} already on the server, {invalid} refused.',
  },
  'handover.importedActions': { hi: 'कार्रवाइयाँ: {applied} लागू, {refused} अस्वीकार।', en: 'Actions: {applied} applied, {refused} refused.' },
  'handover.signIn': { hi: 'फ़ाइल आयात करने के लिए फिर से ऑनलाइन साइन इन करें।', en: 'Sign in online again to import the file.' },
  'handover.offline': { hi: 'सर्वर से संपर्क नहीं हो सका; फ़ाइल आयात नहीं हुई। नेटवर्क मिलने पर दोबारा प्रयास करें।', en: 'The server could not be reached; the file was not imported. Try again when there is a network.' },
  'handover.keyState': { hi: 'इस डिवाइस की हैंड-ओवर कुंजी', en: 'This device\'s hand-over key' },
  'handover.keyRegistered': { hi: 'सर्वर पर दर्ज', en: 'Registered with the server' },
  'handover.keyMissing': { hi: 'अभी दर्ज नहीं (एक बार ऑनलाइन साइन इन करें)', en: 'Not yet registered (sign in online once)' },
} satisfies Record<string, Entry>;


/** Camps and Sampark Diwas: the admin screen and the operator's choice. */
export const CAMP_EVENT_UI = {
  'adm.camps': { hi: 'कैंप और सम्पर्क दिवस', en: 'Camps and Sampark Diwas' },
  'camp.new': { hi: 'नया कैंप या सम्पर्क दिवस', en: 'New camp or Sampark Diwas' },
  'camp.kind': { hi: 'प्रकार', en: 'Kind' },
  'camp.kind.camp': { hi: 'ग्राम कैंप', en: 'Village camp' },
  'camp.kind.sampark-diwas': { hi: 'राजस्थान सम्पर्क दिवस', en: 'Rajasthan Sampark Diwas' },
  'camp.name': { hi: 'नाम', en: 'Name' },
  'camp.date': { hi: 'तारीख', en: 'Date' },
  'camp.district': { hi: 'जिला', en: 'District' },
  'camp.choose': { hi: 'चुनें', en: 'Choose' },
  'camp.tehsil': { hi: 'तहसील/पंचायत समिति (LGD कोड)', en: 'Tehsil or block (LGD code)' },
  'camp.tehsilHint': { hi: 'वैकल्पिक', en: 'Optional' },
  'camp.venue': { hi: 'स्थान', en: 'Venue' },
  'camp.departments': { hi: 'उपस्थित विभाग', en: 'Departments present' },
  'camp.officers': { hi: 'उपस्थित अधिकारी (खाता ID)', en: 'Officers present (account IDs)' },
  'camp.operators': { hi: 'भाग लेने वाले ऑपरेटर (खाता ID)', en: 'Operators taking part (account IDs)' },
  'camp.idsHint': { hi: 'अल्पविराम से अलग करें, जैसे op.meena, op.asha', en: 'Separate with commas, e.g. op.meena, op.asha' },
  'camp.create': { hi: 'कैंप बनाएँ', en: 'Create camp' },
  'camp.created': { hi: '“{name}” बनाया गया। भाग लेने वाले ऑपरेटर इसे सेटिंग्स में डाउनलोड करें।', en: '“{name}” created. The operators taking part download it in Settings.' },
  'camp.fix': { hi: 'चिह्नित फ़ील्ड सुधारें।', en: 'Correct the marked fields.' },
  'camp.list': { hi: 'हाल के और आने वाले', en: 'Recent and coming' },
  'camp.none': { hi: 'अभी कोई कैंप नहीं।', en: 'No camps yet.' },
  'camp.where': { hi: 'स्थान', en: 'Where' },
  'camp.people': { hi: 'लोग', en: 'People' },
  'camp.peopleLine': { hi: '{o} ऑपरेटर, {f} अधिकारी', en: '{o} operators, {f} officers' },
  'camp.title': { hi: 'कैंप या सम्पर्क दिवस', en: 'Camp or Sampark Diwas' },
  'camp.hint': {
    hi: 'कैंप के लिए निकलने से पहले (ऑनलाइन) अपने कैंप डाउनलोड करें। कैंप चुनने पर इस डिवाइस पर दर्ज हर नया परिवाद उस कैंप का माना जाएगा; यह बिना नेटवर्क के भी काम करता है।',
    en: 'Before leaving for the camp (online), download your camps. While one is chosen, every new grievance registered on this device belongs to it; this works without the network.',
  },
  'camp.download': { hi: 'कैंप डाउनलोड करें', en: 'Download camps' },
  'camp.downloaded': { hi: 'कैंप डाउनलोड हो गए।', en: 'Camps downloaded.' },
  'camp.downloadFailed': { hi: 'कैंप डाउनलोड नहीं हो सके; नेटवर्क मिलने पर दोबारा प्रयास करें।', en: 'The camps could not be downloaded; try again when there is a network.' },
  'camp.savedAt': { hi: 'अंतिम डाउनलोड {time}', en: 'Last downloaded {time}' },
  'camp.choice': { hi: 'नए परिवाद इस कैंप में दर्ज करें', en: 'Register new grievances at' },
  'camp.noneChosen': { hi: 'कोई कैंप नहीं', en: 'No camp' },
} satisfies Record<string, Entry>;


/** Tokens at the entrance desk and the hall screen. */
export const CAMP_TOKEN_UI = {
  'tokens.give': { hi: 'टोकन दें', en: 'Give token' },
  'tokens.hint': {
    hi: 'प्रवेश पर हर नागरिक को एक टोकन दें; यह 80 mm प्रिंटर पर छपता है। टोकन संख्या के आगे इस डिवाइस की पहचान है, इसलिए दो डिवाइस के टोकन कभी एक जैसे नहीं होते। यह सब बिना नेटवर्क के चलता है।',
    en: 'Give each citizen a token at the entrance; it prints on the 80 mm printer. The token starts with this device\'s id, so two devices never give the same token. All of this works without the network.',
  },
  'tokens.slip': { hi: 'टोकन पर्ची', en: 'Token slip' },
  'tokens.token': { hi: 'टोकन', en: 'Token' },
  'tokens.given': { hi: 'टोकन {label} दिया गया।', en: 'Token {label} given.' },
  'tokens.print': { hi: 'फिर से प्रिंट करें', en: 'Print again' },
  'tokens.wait': { hi: 'कृपया अपनी बारी की प्रतीक्षा करें। हॉल की स्क्रीन पर अपना टोकन देखें।', en: 'Please wait for your turn. Watch for your token on the hall screen.' },
  'tokens.counter': { hi: 'काउंटर', en: 'Counter' },
  'tokens.callNext': { hi: 'अगला टोकन बुलाएँ', en: 'Call next token' },
  'tokens.called': { hi: 'टोकन {label} काउंटर {c} पर बुलाया गया।', en: 'Token {label} called to counter {c}.' },
  'tokens.nobody': { hi: 'कोई प्रतीक्षा में नहीं है।', en: 'Nobody is waiting.' },
  'tokens.waiting': { hi: 'प्रतीक्षा में: {n}', en: 'Waiting: {n}' },
  'tokens.served': { hi: 'अब तक बुलाए गए: {n}, औसत प्रतीक्षा {m} मिनट', en: 'Called so far: {n}, average wait {m} min' },
  'tokens.openHall': { hi: 'हॉल स्क्रीन खोलें (नई विंडो)', en: 'Open the hall screen (new window)' },
  'hall.title': { hi: 'अब सेवा में', en: 'Now serving' },
  'hall.counter': { hi: 'काउंटर {c}', en: 'Counter {c}' },
  'hall.none': { hi: 'अभी कोई टोकन नहीं बुलाया गया।', en: 'No token called yet.' },
  'hall.waiting': { hi: 'प्रतीक्षा में {n} टोकन', en: '{n} tokens waiting' },
} satisfies Record<string, Entry>;


/** The camp report. */
export const CAMP_REPORT_UI = {
  'camp.report': { hi: 'कैंप रिपोर्ट', en: 'Camp report' },
  'camp.registered': { hi: 'दर्ज', en: 'Registered' },
  'camp.disposed': { hi: 'निस्तारित', en: 'Disposed' },
  'camp.pending': { hi: 'लंबित', en: 'Pending' },
  'camp.print': { hi: 'प्रिंट करें', en: 'Print' },
  'camp.closeReport': { hi: 'रिपोर्ट बंद करें', en: 'Close report' },
  'camp.showReport': { hi: 'रिपोर्ट', en: 'Report' },
} satisfies Record<string, Entry>;

