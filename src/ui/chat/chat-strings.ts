/**
 * The visible strings of the public chat page (/chat), Hindi first, a part of the one catalogue (src/domain/catalogue.ts)
 * that travels in its screens' chunk. What the assistant itself says comes from the server (src/chat/strings.ts).
 */
import type { Entry } from '../../domain/messages';

export const CHAT_UI = {
  'chat.title': { hi: 'सम्पर्क सहायक', en: 'Sampark assistant' },
  'chat.intro': {
    hi: 'परिवाद दर्ज करें, उसकी स्थिति जानें या निस्तारण पर राय दें। साइन इन की आवश्यकता नहीं; परिवाद की जानकारी आपके मोबाइल पर आए कोड के बाद ही दिखती है।',
    en: 'Register a grievance, ask its status or give feedback on a disposal. No sign-in; a grievance is shown only after the code sent to your mobile.',
  },
  'chat.log': { hi: 'बातचीत', en: 'Conversation' },
  'chat.you': { hi: 'आप:', en: 'You:' },
  'chat.bot': { hi: 'सहायक:', en: 'Assistant:' },
  'chat.choices': { hi: 'विकल्प', en: 'Choices' },
  'chat.input': { hi: 'आपका संदेश', en: 'Your message' },
  'chat.hint': { hi: 'हिन्दी, English या Hinglish में लिखें।', en: 'Write in Hindi, English or Hinglish.' },
  'chat.send': { hi: 'भेजें', en: 'Send' },
  'chat.sending': { hi: 'भेजा जा रहा है…', en: 'Sending…' },
  'chat.restart': { hi: 'नई बातचीत', en: 'New conversation' },
  'chat.offline': { hi: 'सर्वर से संपर्क नहीं हो सका। नेटवर्क जाँचें और फिर भेजें, या 181 पर कॉल करें।', en: 'The server cannot be reached. Check the network and send again, or call 181.' },
  // The optional photo of a registration (chat-photo.tsx).
  'chat.photo.title': { hi: 'समस्या की फ़ोटो (वैकल्पिक)', en: 'Photo of the problem (optional)' },
  'chat.photo.choose': { hi: 'फ़ोटो चुनें', en: 'Choose a photo' },
  'chat.photo.camera': { hi: 'कैमरे से फ़ोटो लें', en: 'Take a photo' },
  'chat.photo.hint': { hi: 'फ़ोटो भेजने से पहले इसी फ़ोन पर छोटी की जाती है।', en: 'The photo is made smaller on this phone before it is sent.' },
  'chat.photo.alt': { hi: 'आपकी भेजी समस्या की फ़ोटो', en: 'Your photo of the problem' },
  'chat.photo.ready': { hi: 'फ़ोटो तैयार है। इसे जोड़ने के लिए नीचे "फ़ोटो जोड़ें" दबाएँ, या हटाएँ।', en: 'The photo is ready. Press "Add a photo" below to attach it, or remove it.' },
  'chat.photo.remove': { hi: 'फ़ोटो हटाएँ', en: 'Remove photo' },
  'chat.photo.working.prepare': { hi: 'फ़ोटो तैयार की जा रही है…', en: 'Preparing the photo…' },
  'chat.photo.working.upload': { hi: 'फ़ोटो भेजी जा रही है…', en: 'Sending the photo…' },
  'chat.photo.working.remove': { hi: 'फ़ोटो हटाई जा रही है…', en: 'Removing the photo…' },
  'chat.photo.sent': { hi: 'आपकी फ़ोटो', en: 'Your photo' },
  // The kiosk's guided mode (/guided).
  'guided.title': { hi: 'निर्देशित मोड', en: 'Guided mode' },
  'guided.intro': {
    hi: 'नागरिक से बात करते हुए सहायक के प्रश्न पूछें और उत्तर लिखें। बिना नेटवर्क के भी चलता है: परिवाद इस कियोस्क ({code}) पर सहेजा जाता है और फ़ॉर्म की तरह भेजा जाता है।',
    en: 'Ask the citizen the assistant\'s questions and type the answers. Works without a network: the grievance is saved on this kiosk ({code}) and sent like one from the form.',
  },
  'guided.form': { hi: 'फ़ॉर्म पर वापस जाएँ', en: 'Back to the form' },
  'guided.you': { hi: 'संचालक:', en: 'Operator:' },
  'guided.input': { hi: 'नागरिक का उत्तर', en: "The citizen's answer" },
  'guided.hint': { hi: 'हिन्दी, English या Hinglish में लिखें; Enter से भेजें।', en: 'Write in Hindi, English or Hinglish; Enter sends.' },
  'guided.restart': { hi: 'नया नागरिक', en: 'Next citizen' },
} satisfies Record<string, Entry>;

