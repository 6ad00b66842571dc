/**
 * The UI's side of the one catalogue (../domain/catalogue.ts): the first screen's words (below), with the
 * validation/API messages and the lifecycle labels, as `t`; each lazily loaded screen adds its own parts with
 * `strings(...)`. Hindi first; wording follows PRODUCT.md's "Words people use" (परिवाद, परिवादी, पावती, …).
 */
import { lookup, type Entry, type KeysOf, type Lang, type Lookup, type Part, type Vars } from '../domain/catalogue';
import { LIFECYCLE_PART } from '../domain/labels';
import { MESSAGES } from '../domain/messages';
import { TRIAGE_MESSAGES } from '../triage/messages';

export type { Lang, Vars };

const UI = {
  'app.name': { hi: 'राजस्थान सम्पर्क कियोस्क', en: 'Rajasthan Sampark Kiosk' },
  'app.skip': { hi: 'मुख्य सामग्री पर जाएँ', en: 'Skip to main content' },
  'app.loading': { hi: 'लोड हो रहा है…', en: 'Loading…' },
  'lang.other': { hi: 'English', en: 'हिन्दी' },
  'lang.switchTitle': { hi: 'Switch to English', en: 'हिन्दी में देखें' },

  'nav.label': { hi: 'मुख्य मेनू', en: 'Main menu' },
  'menu.label': { hi: 'मेनू', en: 'Menu' },
  'nav.intake': { hi: 'नया परिवाद', en: 'New grievance' },
  'nav.outbox': { hi: 'आउटबॉक्स', en: 'Outbox' },
  'nav.settings': { hi: 'सेटिंग्स', en: 'Settings' },
  'nav.unsent': { hi: '{n} परिवाद भेजे जाने बाकी', en: '{n} not yet sent' },
  'nav.queue': { hi: 'मेरी कार्य-सूची', en: 'My queue' },
  'nav.status': { hi: 'स्थिति', en: 'Status' },
  'nav.review': { hi: 'समीक्षा', en: 'Review' },
  'nav.reports': { hi: 'रिपोर्ट', en: 'Reports' },
  'nav.grievance': { hi: 'परिवाद', en: 'Grievance' },
  'nav.accounts': { hi: 'खाते', en: 'Accounts' },
  'nav.setup': { hi: 'पहली बार सेटअप', en: 'First run' },
  'nav.tokens': { hi: 'कैंप टोकन', en: 'Camp tokens' }, // issue 12: src/ui/screens/tokens-screen.tsx
  'nav.hall': { hi: 'अब सेवा में', en: 'Now serving' },
  'camp.current': { hi: 'कैंप: {name}, {date}, {venue}', en: 'Camp: {name}, {date}, {venue}' }, // the intake form's line (components/camp-line.tsx)
  'nav.chat': { hi: 'सम्पर्क सहायक', en: 'Sampark assistant' },
  'nav.guided': { hi: 'निर्देशित मोड', en: 'Guided mode' },
  'nav.handoffs': { hi: '181 हैंड-ऑफ़', en: '181 hand-offs' },
  'nav.campDispose': { hi: 'मौके पर निस्तारण', en: 'On-the-spot disposal' }, // src/ui/screens/camp-dispose-screen.tsx

  'sync.now': { hi: 'अभी भेजें', en: 'Sync now' },
  'sync.label': { hi: 'सिंक की स्थिति', en: 'Sync status' },
  'sync.offline': { hi: 'ऑफ़लाइन', en: 'Offline' },
  'sync.online': { hi: 'ऑनलाइन', en: 'Online' },
  'sync.sending': { hi: '{n} में से {m} भेजे जा रहे हैं', en: 'Syncing {m} of {n}' },
  'sync.waiting': { hi: '{n} भेजे जाने बाकी', en: '{n} waiting to send' },
  'sync.allSynced': { hi: 'सब भेजे गए', en: 'All synced' },
  'sync.nothing': { hi: 'अभी कोई परिवाद नहीं', en: 'No grievances yet' },
  'sync.attention': { hi: '{n} पर ध्यान दें', en: '{n} need attention' },
  'sync.last': { hi: 'अंतिम सिंक {time}', en: 'Last sync {time}' },
  'storage.low': { hi: 'इस डिवाइस में जगह कम बची है। नेटवर्क से जोड़कर परिवाद भेजें।', en: 'This device is running out of space. Connect and sync the grievances.' },
  'storage.stale': { hi: '{n} परिवाद एक दिन से अधिक समय से नहीं भेजे गए — नेटवर्क से जोड़ें।', en: '{n} grievance(s) not sent for over a day — connect to the network.' },
  'sync.signInAgain': { hi: '{n} परिवाद भेजने के लिए फिर से साइन इन करें', en: 'Sign in again to send {n} grievances' },
  'sync.signInAgainOne': { hi: '1 परिवाद भेजने के लिए फिर से साइन इन करें', en: 'Sign in again to send 1 grievance' },
  'sync.failed': { hi: 'अभी भेजा नहीं जा सका; परिवाद डिवाइस पर सुरक्षित है और बाद में भेजा जाएगा।', en: 'Could not sync now; the grievances are safe on this device and will be sent later.' },

  'intake.title': { hi: 'परिवाद दर्ज करें', en: 'Register a grievance' },
  'intake.required': { hi: '* वाले फ़ील्ड भरना आवश्यक है। बाकी वैकल्पिक हैं।', en: 'Fields marked * are required; the rest are optional.' },
  'intake.kiosk': { hi: 'कियोस्क {code}', en: 'Kiosk {code}' },
  'intake.operator': { hi: 'ऑपरेटर {name}', en: 'Operator {name}' },
  'intake.notOperator': { hi: 'परिवाद केवल ई-मित्र ऑपरेटर दर्ज करते हैं; यह ऑपरेटर खाता नहीं है। ऑपरेटर खाते से साइन इन करें।', en: 'Only e-Mitra operators register grievances, and this is not an operator account. Sign in with an operator account.' },
  'intake.notSignedIn': { hi: 'परिवाद सहेजा नहीं गया: पहले साइन इन करें।', en: 'The grievance was not saved: sign in first.' },
  'intake.citizen': { hi: 'परिवादी', en: 'Citizen' },
  'intake.place': { hi: 'पता और स्थान', en: 'Address and place' },
  'intake.grievance': { hi: 'परिवाद', en: 'Grievance' },
  'intake.submit': { hi: 'परिवाद दर्ज करें', en: 'Register grievance' },
  'intake.saving': { hi: 'सुरक्षित किया जा रहा है…', en: 'Saving…' },
  'intake.errors': { hi: '{n} फ़ील्ड में सुधार करें।', en: 'Correct the {n} marked field(s).' },
  'intake.saved': { hi: 'परिवाद डिवाइस पर सुरक्षित हुआ। पावती संख्या {n}।', en: 'Grievance saved on this device. Receipt number {n}.' },
  'intake.savedShort': { hi: 'परिवाद इस डिवाइस पर सुरक्षित हो गया। परिवादी को पावती दें।', en: 'The grievance is saved on this device. Give the citizen the receipt.' },
  'intake.next': { hi: 'अगला परिवादी', en: 'Next citizen' },
  'intake.triage': { hi: 'सुझाव', en: 'Suggestion' },
  'ht.toggle': { hi: 'हिन्दी टाइपिंग', en: 'Hindi typing' },
  'ht.hint': { hi: 'अंग्रेज़ी अक्षरों में हिन्दी लिखें: स्पेस दबाते ही शब्द देवनागरी में बदलेगा। Esc से शब्द अंग्रेज़ी में रहेगा।', en: 'Type Hindi in Roman letters: a space turns the word into Devanagari. Esc keeps the word in Roman letters.' },
  'ht.loading': { hi: 'हिन्दी टाइपिंग तैयार हो रही है…', en: 'Getting Hindi typing ready…' },
  'ht.suggestions': { hi: 'हिन्दी सुझाव', en: 'Hindi suggestions' },
  'f.village': { hi: 'गाँव', en: 'Village' },
  'f.village.hint': { hi: 'नाम लिखें और सूची से चुनें।', en: 'Type the name and choose from the list.' },
  'f.village.none': { hi: 'कोई गाँव नहीं मिला', en: 'No village found' },
  'f.gp': { hi: 'ग्राम पंचायत: {name}', en: 'Gram panchayat: {name}' },
  'f.ward': { hi: 'वार्ड', en: 'Ward' },
  'f.ward.choose': { hi: '— वार्ड चुनें —', en: '— Choose a ward —' },
  'f.places.none': { hi: 'इस जिले के गाँव और वार्ड अभी उपलब्ध नहीं हैं।', en: 'The villages and wards of this district are not available yet.' },
  'f.places.loading': { hi: 'गाँव और वार्ड लोड हो रहे हैं…', en: 'Loading villages and wards…' },

  'f.name': { hi: 'परिवादी का नाम', en: 'Citizen name' },
  'f.mobile': { hi: 'मोबाइल नंबर', en: 'Mobile number' },
  'f.mobile.hint': { hi: '10 अंक; आगे +91 या 0 हो तो भी चलेगा।', en: '10 digits; +91 or 0 in front is fine.' },
  'f.janAadhaar': { hi: 'जन आधार ID', en: 'Jan Aadhaar ID' },
  'f.janAadhaar.hint': { hi: 'परिवार ID 10 अंक या सदस्य ID 11 अंक।', en: 'Family ID (10 digits) or member ID (11 digits).' },
  'f.aadhaar': { hi: 'आधार संख्या', en: 'Aadhaar number' },
  'f.aadhaar.hint': { hi: '12 अंक। केवल अंतिम 4 अंक दिखाए और छापे जाते हैं।', en: '12 digits. Only the last 4 digits are ever shown or printed.' },
  'f.address': { hi: 'पता', en: 'Address' },
  'f.address.hint': { hi: 'मकान, गली, गाँव या वार्ड।', en: 'House, street, village or ward.' },
  'f.pin': { hi: 'पिन कोड', en: 'PIN code' },
  'f.area': { hi: 'क्षेत्र', en: 'Area' },
  'f.rural': { hi: 'ग्रामीण', en: 'Rural' },
  'f.urban': { hi: 'शहरी', en: 'Urban' },
  'f.district': { hi: 'जिला', en: 'District' },
  'f.district.choose': { hi: '— जिला चुनें —', en: '— Choose a district —' },
  'f.abolished': { hi: 'पुराने जिले (2024 में समाप्त) किस जिले में हैं?', en: 'Old districts (abolished in 2024): which district now?' },
  'f.tehsil': { hi: 'तहसील / पंचायत समिति', en: 'Tehsil or block' },
  'f.tehsil.choose': { hi: '— तहसील या पंचायत समिति चुनें —', en: '— Choose a tehsil or block —' },
  'f.tehsil.first': { hi: '— पहले जिला चुनें —', en: '— Choose a district first —' },
  'f.tehsil.loading': { hi: 'सूची लोड हो रही है…', en: 'Loading the list…' },
  'f.tehsils': { hi: 'तहसील', en: 'Tehsils' },
  'f.blocks': { hi: 'पंचायत समिति', en: 'Blocks (panchayat samiti)' },
  'f.department': { hi: 'विभाग', en: 'Department' },
  'f.department.choose': { hi: '— विभाग चुनें —', en: '— Choose a department —' },
  'f.category': { hi: 'श्रेणी', en: 'Category' },
  'f.category.choose': { hi: '— श्रेणी चुनें —', en: '— Choose a category —' },
  'f.category.first': { hi: '— पहले विभाग चुनें —', en: '— Choose a department first —' },
  'f.description': { hi: 'परिवाद का विवरण', en: 'Grievance description' },
  'f.description.hint': { hi: 'परिवादी के शब्दों में: क्या समस्या है, कहाँ और कब से।', en: "In the citizen's words: what the problem is, where, and since when." },
  'f.consentShort': { hi: 'सहमति', en: 'Consent' },
  'f.consent': { hi: 'परिवादी ने यह जानकारी दर्ज करने और सम्बंधित विभाग को भेजने की सहमति दी है।', en: 'The citizen agrees that this information is recorded and sent to the department concerned.' },

  'receipt.region': { hi: 'पावती', en: 'Receipt' },
  'receipt.title': { hi: 'राजस्थान सम्पर्क — परिवाद की पावती', en: 'Rajasthan Sampark — grievance receipt' },
  'receipt.number': { hi: 'अस्थायी पावती संख्या', en: 'Provisional receipt number' },
  'receipt.official': { hi: 'परिवाद संख्या', en: 'Grievance number' },
  'receipt.date': { hi: 'दिनांक व समय', en: 'Date and time' },
  'receipt.citizen': { hi: 'परिवादी', en: 'Citizen' },
  'receipt.mobile': { hi: 'मोबाइल', en: 'Mobile' },
  'receipt.aadhaar': { hi: 'आधार', en: 'Aadhaar' },
  'receipt.department': { hi: 'विभाग', en: 'Department' },
  'receipt.district': { hi: 'जिला', en: 'District' },
  'receipt.tehsil': { hi: 'तहसील', en: 'Tehsil' },
  'receipt.block': { hi: 'पंचायत समिति', en: 'Block' },
  'receipt.summary': { hi: 'विवरण', en: 'Description' },
  'receipt.sms': { hi: 'आधिकारिक परिवाद संख्या आपके मोबाइल पर SMS से भेजी जाएगी।', en: 'The official grievance number will follow by SMS to your mobile.' },
  'receipt.helpline': { hi: 'स्थिति जानने के लिए 181 पर कॉल करें और यह संख्या बताएँ।', en: 'To ask about its status, call 181 and give this number.' },
  'receipt.qr': { hi: 'पावती संख्या का QR कोड', en: 'QR code of the receipt number' },
  'receipt.print': { hi: 'प्रिंट करें', en: 'Print' },
  'receipt.thermal': { hi: 'थर्मल 80 मिमी', en: 'Thermal 80 mm' },
  'receipt.close': { hi: 'पावती बंद करें', en: 'Close receipt' },

  'outbox.title': { hi: 'आउटबॉक्स: इस डिवाइस पर आपके परिवाद', en: 'Outbox: your grievances on this device' },
  'outbox.counts': { hi: 'स्थिति के अनुसार गिनती', en: 'Counts by status' },
  'outbox.total': { hi: 'कुल', en: 'Total' },
  'outbox.empty': { hi: 'इस डिवाइस पर अभी आपका कोई परिवाद नहीं है।', en: 'You have no grievances on this device yet.' },
  'outbox.others': { hi: 'इस डिवाइस पर अन्य ऑपरेटरों के {n}:', en: '{n} by other operators on this device:' },
  'outbox.othersSynced': { hi: '{n} भेजे गए', en: '{n} synced' },
  'outbox.othersWaiting': { hi: '{n} भेजे जाने बाकी', en: '{n} waiting' },
  'outbox.othersAttention': { hi: '{n} पर ध्यान दें', en: '{n} need attention' },
  'outbox.list': { hi: 'परिवाद, नए पहले', en: 'Grievances, newest first' },
  'outbox.receipt': { hi: 'पावती संख्या', en: 'Receipt number' },
  'outbox.official': { hi: 'परिवाद संख्या', en: 'Grievance number' },
  'outbox.department': { hi: 'विभाग', en: 'Department' },
  'outbox.time': { hi: 'दर्ज', en: 'Registered' },
  'outbox.status': { hi: 'स्थिति', en: 'Status' },
  'outbox.lastError': { hi: 'पिछला प्रयास विफल ({n} प्रयास): {msg}', en: 'Last attempt failed ({n} attempts): {msg}' },
  'outbox.nextAttempt': { hi: 'अगला प्रयास {time} पर अपने-आप होगा।', en: 'Next attempt automatically at {time}.' },
  'outbox.reason': { hi: 'कारण', en: 'Reason' },
  'outbox.todo': { hi: 'क्या करें', en: 'What to do' },
  'outbox.more': { hi: 'और दिखाएँ ({n} बाकी)', en: 'Show more ({n} more)' },
  'outbox.unknownError': { hi: 'भेजने में त्रुटि ({key})', en: 'Sending failed ({key})' },
  'outbox.correct': { hi: 'सुधारें और दोबारा भेजें', en: 'Correct and resend' },
  'outbox.discard': { hi: 'हटाएँ', en: 'Discard' },
  'outbox.discardConfirm': { hi: 'पावती {n} वाला परिवाद इस डिवाइस से हटा दें? यह भेजा नहीं जाएगा और वापस नहीं आएगा।', en: 'Discard the grievance with receipt {n}? It will be deleted from this device, not sent, and cannot be brought back.' },
  'outbox.discardYes': { hi: 'हाँ, हटाएँ', en: 'Yes, discard' },
  'outbox.discardKeep': { hi: 'रखें', en: 'Keep' },
  'outbox.discardFailed': { hi: 'परिवाद हटाया नहीं जा सका। दोबारा प्रयास करें।', en: 'The grievance could not be discarded. Try again.' },
  'correct.title': { hi: 'परिवाद सुधारें (पावती {n})', en: 'Correcting the grievance with receipt {n}' },
  'correct.hint': { hi: 'जानकारी सुधारें और “सहेजें और दोबारा भेजें” दबाएँ। पावती संख्या वही रहेगी।', en: 'Correct the details and press “Save and resend”. The receipt number stays the same.' },
  'correct.aadhaar': { hi: 'आधार संख्या भरी नहीं गई है: इस डिवाइस पर उसके केवल अंतिम 4 अंक ({last4}) हैं। पहले दिया आधार रखने के लिए खाली छोड़ें, या पूरी संख्या दोबारा लिखें।', en: 'The Aadhaar number is not filled in: only its last 4 digits ({last4}) are on this device. Leave it empty to keep the one given before, or type the full number again.' },
  'correct.files': { hi: 'इसकी {n} संलग्न फ़ाइलें वैसी ही रहेंगी।', en: 'Its {n} attached files are kept as they are.' },
  'correct.submit': { hi: 'सहेजें और दोबारा भेजें', en: 'Save and resend' },
  'correct.missing': { hi: 'यह परिवाद सुधारा नहीं जा सकता: यह इस डिवाइस पर आपके “ध्यान दें” वाले परिवादों में नहीं है।', en: 'This grievance cannot be corrected: it is not among your grievances that need attention on this device.' },
  'outbox.reprint': { hi: 'पावती दोबारा प्रिंट करें', en: 'Reprint receipt' },
  'todo.invalid': { hi: 'सर्वर ने यह परिवाद स्वीकार नहीं किया। “सुधारें और दोबारा भेजें” दबाकर ऊपर बताई जानकारी सुधारें; पावती संख्या वही रहेगी। या पुष्टि करके इसे हटा दें।', en: 'The server did not accept this grievance. Press “Correct and resend” and correct the details above; the receipt number stays the same. Or discard it after confirming.' },
  'todo.conflict': { hi: 'सर्वर पर इस रिकॉर्ड के नाम से दूसरी जानकारी है। “सुधारें और दोबारा भेजें” से जाँचकर इसे नए रिकॉर्ड के रूप में भेजें (पावती संख्या वही रहेगी), या इस पावती संख्या के साथ सहायता डेस्क से संपर्क करें।', en: 'The server holds other details under this record. Check it with “Correct and resend” to send it as a new record (the receipt number stays the same), or contact the help desk and give this receipt number.' },
  'todo.corrupt': { hi: 'यह रिकॉर्ड भेजा नहीं जा सकता। परिवादी का परिवाद नया दर्ज करें और नई पावती दें।', en: 'This record cannot be sent. Register the grievance again and give the citizen the new receipt.' },
  'todo.forbidden': { hi: 'परिवाद केवल इस कियोस्क के ई-मित्र ऑपरेटर खाते से भेजे जा सकते हैं। यह पावती संख्या लेकर अपने व्यवस्थापक से संपर्क करें।', en: 'Only an e-Mitra operator account of this kiosk can send grievances. Contact your administrator and give this receipt number.' },
  'todo.other': { hi: 'नेटवर्क जाँचें और “अभी भेजें” दबाएँ। फिर भी न जाए तो सहायता डेस्क से संपर्क करें।', en: 'Check the network and press “Sync now”. If it still fails, contact the help desk.' },

  'syncerr.net': { hi: 'सर्वर तक नहीं पहुँच सके (नेटवर्क नहीं)।', en: 'Could not reach the server (no network).' },
  'syncerr.timeout': { hi: 'सर्वर ने समय पर उत्तर नहीं दिया।', en: 'The server did not answer in time.' },
  'syncerr.server': { hi: 'सर्वर में त्रुटि हुई।', en: 'The server had an error.' },
  'syncerr.badResponse': { hi: 'सर्वर का उत्तर समझ में नहीं आया।', en: 'The server’s answer could not be read.' },
  'syncerr.corrupt': { hi: 'इस डिवाइस पर परिवाद का रिकॉर्ड खराब हो गया है।', en: 'The grievance record on this device is damaged.' },
  'syncerr.conflict': { hi: 'इसी पहचान से अलग सामग्री वाला परिवाद सर्वर पर पहले से है।', en: 'The server already has a different grievance with this id.' },
  'syncerr.auth': { hi: 'सर्वर ने साइन इन स्वीकार नहीं किया।', en: 'The server did not accept the sign-in.' },
  'syncerr.invalid': { hi: 'सर्वर ने परिवाद की जानकारी अमान्य बताई।', en: 'The server found the grievance details invalid.' },

  'update.ready': { hi: 'अपडेट उपलब्ध: ऐप का नया संस्करण तैयार है।', en: 'Update available: a new version of the app is ready.' },
  'update.apply': { hi: 'अभी अपडेट करें', en: 'Update now' },

  'state.saved': { hi: 'डिवाइस पर सुरक्षित', en: 'Saved on device' },
  'state.sending': { hi: 'भेजा जा रहा है', en: 'Sending' },
  'state.synced': { hi: 'भेजा गया', en: 'Synced' },
  'state.attention': { hi: 'ध्यान दें', en: 'Needs attention' },

  'settings.title': { hi: 'सेटिंग्स', en: 'Settings' },
  'settings.kiosk': { hi: 'कियोस्क कोड', en: 'Kiosk code' },
  'settings.kiosk.hint': { hi: 'आपके ऑपरेटर खाते से। पावती संख्या इसी से शुरू होती है।', en: 'From your operator account. Receipt numbers start with it.' },
  'settings.operator': { hi: 'ऑपरेटर', en: 'Operator' },
  'settings.autoLock': { hi: 'इतनी देर उपयोग न होने पर स्क्रीन लॉक करें', en: 'Lock the screen after this long without use' },
  'settings.minutes': { hi: '{n} मिनट', en: '{n} minutes' },
  'settings.minute': { hi: '1 मिनट', en: '1 minute' },
  'settings.paper': { hi: 'पावती का कागज़', en: 'Receipt paper' },
  'settings.a4': { hi: 'A4', en: 'A4' },
  'settings.save': { hi: 'सहेजें', en: 'Save' },
  'settings.forget.title': { hi: 'यह डिवाइस', en: 'This device' },
  'settings.forget.hint': { hi: 'साधारण साइन आउट के बाद आपका सर्वर साइन इन इस डिवाइस पर आपके पासवर्ड से बंद (सील) रहता है, ताकि अगली सुबह बिना नेटवर्क के साइन इन करके दर्ज किए परिवाद नेटवर्क लौटते ही भेजे जा सकें। यदि आप यह डिवाइस फिर उपयोग नहीं करेंगे, तो सर्वर पर साइन इन समाप्त करें और यह डिवाइस आपको भूल जाए।', en: 'After an ordinary sign-out, your server sign-in stays on this device sealed with your password, so that grievances registered after an offline sign-in next morning are sent as soon as the network returns. If you will not use this device again, end the sign-in on the server and let this device forget you.' },
  'settings.saved': { hi: 'सेटिंग्स सहेजी गईं।', en: 'Settings saved.' },

  'auth.title': { hi: 'साइन इन करें', en: 'Sign in' },
  'auth.lead': { hi: 'अपने ऑपरेटर ID और पासवर्ड से साइन इन करें।', en: 'Sign in with your operator ID and password.' },
  'auth.again.ended': { hi: 'सर्वर ने इस डिवाइस पर आपका साइन इन समाप्त कर दिया है (जैसे "हर जगह साइन आउट" या पासवर्ड बदलने के बाद)। भेजे जाने बाकी परिवाद भेजने के लिए नेटवर्क से जुड़कर फिर से साइन इन करें।', en: 'The server has ended your sign-in on this device (for example after "sign out everywhere" or a password change). Connect to the network and sign in again to send the waiting grievances.' },
  'auth.again.expired': { hi: 'इस डिवाइस पर आपका साइन इन लंबे समय तक उपयोग न होने से समाप्त हो गया है। भेजे जाने बाकी परिवाद भेजने के लिए नेटवर्क से जुड़कर फिर से साइन इन करें।', en: 'Your sign-in on this device has expired after a long time unused. Connect to the network and sign in again to send the waiting grievances.' },
  'auth.again.disabled': { hi: 'यह खाता बंद कर दिया गया है। परिवाद सुरक्षित हैं और इस कियोस्क के किसी दूसरे ऑपरेटर के साइन इन करने पर भेजे जाएँगे।', en: 'This account has been disabled. The grievances are safe and go once another operator of this kiosk signs in.' },
  'auth.again.noCredential': { hi: 'आपने बिना नेटवर्क के साइन इन किया है और इस डिवाइस पर आपका कोई सर्वर साइन इन नहीं रखा है (पिछली बार "साइन आउट करें और यह डिवाइस भूल जाएँ" चुना गया था, या साइन आउट इस संस्करण से पहले हुआ था)। परिवाद भेजने के लिए नेटवर्क से जुड़कर एक बार साइन इन करें।', en: 'You signed in without the network, and this device keeps no server sign-in for you ("Sign out and forget this device" was chosen last time, or you signed out before this version). Connect to the network and sign in once to send the grievances.' },
  'auth.signOutForget': { hi: 'साइन आउट करें और यह डिवाइस भूल जाएँ', en: 'Sign out and forget this device' },
  'auth.operatorId': { hi: 'ऑपरेटर ID', en: 'Operator ID' },
  'auth.password': { hi: 'पासवर्ड', en: 'Password' },
  'auth.submit': { hi: 'साइन इन करें', en: 'Sign in' },
  'auth.busy': { hi: 'साइन इन हो रहा है…', en: 'Signing in…' },
  'auth.offline': { hi: 'नेटवर्क नहीं है। जिन ऑपरेटरों ने इस डिवाइस पर पहले ऑनलाइन साइन इन किया है, वे अभी भी साइन इन कर सकते हैं।', en: 'No network. Operators who have signed in on this device online before can still sign in.' },
  'auth.offlineFirst': { hi: 'इस ऑपरेटर ने इस डिवाइस पर अभी तक ऑनलाइन साइन इन नहीं किया है। पहली बार साइन इन के लिए नेटवर्क से जोड़ें।', en: 'This operator has not yet signed in on this device online. Connect to the network to sign in the first time.' },
  'auth.idEmpty': { hi: 'अपना ऑपरेटर ID लिखें।', en: 'Enter your operator ID.' },
  'auth.passwordEmpty': { hi: 'अपना पासवर्ड लिखें।', en: 'Enter your password.' },
  'auth.failed': { hi: 'साइन इन नहीं हो सका; फिर से प्रयास करें।', en: 'Could not sign in; try again.' },
  'auth.waiting': { hi: 'इस डिवाइस पर {n} परिवाद भेजे जाने बाकी हैं। ये सुरक्षित हैं और इस कियोस्क के ऑपरेटर के साइन इन करने पर भेजे जाएँगे।', en: '{n} grievance(s) on this device wait to be sent. They are safe, and go once an operator of this kiosk signs in.' },
  'auth.signin': { hi: 'परिवाद भेजने के लिए फिर से साइन इन करें।', en: 'Sign in again to send the grievances.' },
  'auth.back': { hi: 'लॉक स्क्रीन पर वापस जाएँ', en: 'Back to the locked screen' },
  'auth.lock': { hi: 'लॉक करें', en: 'Lock' },
  'auth.signOut': { hi: 'साइन आउट', en: 'Sign out' },
  'auth.signedIn': { hi: 'साइन इन: {name}', en: 'Signed in: {name}' },
  'lock.title': { hi: 'स्क्रीन लॉक है', en: 'Screen locked' },
  'lock.who': { hi: '{name} ({id}) साइन इन हैं। आगे बढ़ने के लिए अपना पासवर्ड लिखें।', en: '{name} ({id}) is signed in. Enter the password to continue.' },
  'lock.unlock': { hi: 'अनलॉक करें', en: 'Unlock' },
  'lock.someoneElse': { hi: 'किसी और के रूप में साइन इन करें', en: 'Sign in as someone else' },

  // Attachments: the form's field and recorder, the receipt's and outbox's thumbnails, Settings (issue 4).
  'att.legend': { hi: 'दस्तावेज़, फ़ोटो और आवाज़', en: 'Documents, photos and voice note' },
  'f.attachments': { hi: 'संलग्नक', en: 'Attachments' },
  'f.attachments.hint': { hi: 'फ़ोटो (JPEG, PNG, WEBP) या PDF चुनें। फ़ोटो इसी डिवाइस पर छोटी की जाती हैं।', en: 'Choose photos (JPEG, PNG, WEBP) or PDFs. Photos are made smaller on this device.' },
  'att.tally': { hi: '{max} में से {n} फ़ाइलें, {maxMb} MB में से {mb} MB', en: '{n} of {max} files, {mb} of {maxMb} MB' },
  'att.takePhoto': { hi: 'फ़ोटो खींचें', en: 'Take photo' },
  'att.preparing': { hi: 'फ़ाइल तैयार की जा रही है: {name}', en: 'Preparing {name}…' },
  'att.added': { hi: 'जोड़ी गई: {name} ({size} KB)', en: 'Attached: {name} ({size} KB)' },
  'att.removed': { hi: 'हटाई गई: {name}', en: 'Removed: {name}' },
  'att.remove': { hi: 'हटाएँ', en: 'Remove' },
  'att.list': { hi: 'इस परिवाद के साथ जाने वाली फ़ाइलें', en: 'Files going with this grievance' },
  'att.tooLarge': { hi: 'फ़ाइल बहुत बड़ी है ({size} MB); इस प्रकार की फ़ाइल अधिकतम {max} MB की हो सकती है। फ़ोटो 16 MB तक (यहीं छोटी की जाती है), PDF 5 MB तक, आवाज़ 2 MB तक।', en: 'The file is too large ({size} MB); this kind of file may be at most {max} MB. Photos up to 16 MB (made smaller here), PDFs up to 5 MB, voice notes up to 2 MB.' },
  'att.failed': { hi: 'फ़ाइल तैयार नहीं हो सकी; उसे फिर से चुनें।', en: 'The file could not be prepared; choose it again.' },
  'att.wait': { hi: 'संलग्नक तैयार होने तक रुकें, फिर परिवाद दर्ज करें।', en: 'Wait until the attachments are ready, then register the grievance.' },
  'att.photo': { hi: 'फ़ोटो', en: 'Photo' },
  'att.document': { hi: 'PDF दस्तावेज़', en: 'PDF document' },
  'att.audio': { hi: 'आवाज़', en: 'Voice note' },
  'voice.title': { hi: 'आवाज़ में परिवाद (अधिकतम 2 मिनट)', en: 'Voice note (up to 2 minutes)' },
  'voice.record': { hi: 'आवाज़ रिकॉर्ड करें', en: 'Record voice note' },
  'voice.stop': { hi: 'रिकॉर्डिंग रोकें', en: 'Stop recording' },
  'voice.save': { hi: 'आवाज़ जोड़ें', en: 'Save voice note' },
  'voice.discard': { hi: 'रिकॉर्डिंग हटाएँ', en: 'Discard recording' },
  'voice.timer': { hi: 'रिकॉर्डिंग: {time} / 2:00', en: 'Recording: {time} / 2:00' },
  'voice.started': { hi: 'रिकॉर्डिंग शुरू हुई।', en: 'Recording started.' },
  'voice.recorded': { hi: '{time} की रिकॉर्डिंग। सुनें, फिर जोड़ें या हटाएँ।', en: 'Recorded {time}. Listen, then save or discard it.' },
  'voice.playback': { hi: 'रिकॉर्ड की गई आवाज़', en: 'Recorded voice note' },
  'voice.limit': { hi: '2 मिनट पूरे होने पर रिकॉर्डिंग अपने-आप रुक गई।', en: 'Recording stopped by itself at 2 minutes.' },
  'voice.noMic': { hi: 'माइक्रोफ़ोन नहीं मिला या उसकी अनुमति नहीं दी गई।', en: 'No microphone was found, or permission was refused.' },
  'voice.unsupported': { hi: 'यह ब्राउज़र आवाज़ रिकॉर्ड नहीं कर सकता।', en: 'This browser cannot record sound.' },
  'voice.discarded': { hi: 'रिकॉर्डिंग हटा दी गई।', en: 'Recording discarded.' },
  'receipt.attachments': { hi: 'संलग्न फ़ाइलें', en: 'Attached files' },
  'receipt.attachmentCount': { hi: '{n} फ़ाइलें संलग्न', en: '{n} file(s) attached' },
  'todo.attachment': { hi: 'सर्वर ने इस परिवाद की एक फ़ाइल स्वीकार नहीं की (कारण ऊपर)। परिवाद उस फ़ाइल के बिना या सही फ़ाइल के साथ नया दर्ज करें; यह रिकॉर्ड दोबारा नहीं भेजा जाएगा।', en: 'The server did not accept a file of this grievance (reason above). Register the grievance again without that file, or with a correct one; this record will not be sent again.' },
  'syncerr.attachmentLost': { hi: 'इस परिवाद की एक फ़ाइल इस डिवाइस पर नहीं मिली।', en: 'A file of this grievance is no longer on this device.' },
  'settings.retention': { hi: 'भेजे जा चुके परिवादों की फ़ाइलें इतने दिन बाद इस डिवाइस से हटाएँ (छोटी तस्वीर और विवरण रहते हैं)', en: 'Remove the files of confirmed grievances from this device after (the thumbnail and details stay)' },
  'settings.days': { hi: '{n} दिन', en: '{n} days' },
  'settings.day': { hi: '1 दिन', en: '1 day' },
  'settings.attachments': { hi: 'इस डिवाइस पर संलग्नक: {n} फ़ाइलें, {mb} MB (इनमें {unsent} MB की पुष्टि अभी बाकी)', en: 'Attachments on this device: {n} files, {mb} MB ({unsent} MB not yet confirmed)' },

  'notFound.title': { hi: 'यह पृष्ठ नहीं मिला', en: 'Page not found' },
  'notFound.home': { hi: 'नया परिवाद दर्ज करने जाएँ', en: 'Go to the grievance form' },
  'notFound.start': { hi: 'अपने मुख्य पृष्ठ पर जाएँ', en: 'Go to your start page' },
} satisfies Record<string, Entry>;

/** The first screen's strings: validation and API messages, lifecycle labels, the triage line and the shell's words. */
const CORE_PARTS = [MESSAGES, LIFECYCLE_PART, TRIAGE_MESSAGES, UI] as const;
const core = lookup(...CORE_PARTS);
/** A key of the first load's strings (a lazily loaded screen's keys are typed by its own `strings(...)`). */
export type Key = KeysOf<typeof CORE_PARTS>;

/**
 * The string for `key` in `lang` with `{name}` placeholders filled (numbers in Devanagari digits in Hindi;
 * strings such as codes and receipt numbers as given).
 */
export const t: Lookup<Key> = core;

/**
 * The lookup of a lazily loaded group of screens: the first load's keys and those of `parts`, which travel in
 * the chunk that imports them (so a key can only be used where its words are loaded).
 */
export function strings<const Ps extends readonly Part[]>(...parts: Ps): Lookup<Key | KeysOf<Ps>> {
  return lookup(...CORE_PARTS, ...parts) as unknown as Lookup<Key | KeysOf<Ps>>;
}
/** The keys a lookup made by `strings(...)` knows. */
export type KeyOf<L> = L extends Lookup<infer K> ? K : never;

/** A failed request's words: the server's own when it gave them, else its key's in `words` (the screen's lookup; a network failure's `syncerr.*`), else the key named. */
export function errorWords<K extends string>(lang: Lang, e: { key: string; message?: string; messageHi?: string }, lookupOf?: Lookup<K>): string {
  const words = (lookupOf ?? t) as unknown as Lookup<string>;
  const own = lang === 'hi' ? e.messageHi : e.message;
  if (own) return own;
  const sync = `syncerr.${e.key}`;
  if (words.has(sync)) return words(lang, sync);
  return words.has(e.key) ? words(lang, e.key) : t(lang, 'outbox.unknownError', { key: e.key });
}

/** A message key that arrived as data (a server's problem, a schema's issue): its text, or the generic 'err.invalid'. */
export function messageText<K extends string>(lang: Lang, key: string, vars?: Vars, lookupOf?: Lookup<K>): string {
  const words = (lookupOf ?? t) as unknown as Lookup<string>;
  return words.has(key) ? words(lang, key, vars) : t(lang, 'err.invalid');
}

/** `?lang=en` / `?lang=hi` in a query string, else undefined. */
export function langFromSearch(search: string): Lang | undefined {
  const v = new URLSearchParams(search).get('lang');
  return v === 'hi' || v === 'en' ? v : undefined;
}
