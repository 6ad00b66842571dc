/**
 * Camp mode's words (issue 12): the hand-over file on the Outbox and in Settings. Part of the one dictionary
 * of src/ui/i18n.ts, kept apart so that branches adding words do not collide. The server's own messages
 * (handover.malformed, .changed, .unknownDevice) are in src/domain/handover-messages.ts.
 */
import type { Entry } from '../domain/messages';
import { addStrings } from './i18n';

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

addStrings(CAMP_UI);
