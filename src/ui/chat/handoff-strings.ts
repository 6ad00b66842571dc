/** The 181 desk's visible strings (/handoffs), Hindi first, a part of the one catalogue travelling in its chunk. */
import type { Entry } from '../../domain/messages';

export const HANDOFF_UI = {
  'ho.intro': {
    hi: 'सहायक से 181 को सौंपी गई बातचीत। नागरिक 181 पर संदर्भ बताते हैं; बातचीत खोलें, ज़रूरत हो तो परिवाद दर्ज करें और टिप्पणी के साथ बंद करें।',
    en: 'Conversations the assistant handed to 181. The citizen gives the reference on the phone; open the conversation, register a grievance if needed, and close it with a note.',
  },
  'ho.filter': { hi: 'दिखाएँ', en: 'Show' },
  'ho.open': { hi: 'खुली', en: 'Open' },
  'ho.closed': { hi: 'बंद', en: 'Closed' },
  'ho.all': { hi: 'सभी', en: 'All' },
  'ho.none': { hi: 'कोई बातचीत नहीं।', en: 'No conversations.' },
  'ho.openRef': { hi: 'बातचीत {ref} खोलें', en: 'Open conversation {ref}' },
  'ho.lines': { hi: '{n} संदेश', en: '{n} messages' },
  'ho.ref': { hi: 'बातचीत {ref}', en: 'Conversation {ref}' },
  'ho.grievance': { hi: 'परिवाद {number}', en: 'grievance {number}' },
  'ho.citizen': { hi: 'नागरिक:', en: 'Citizen:' },
  'ho.register': { hi: 'इस नागरिक का परिवाद दर्ज करें', en: "Register this citizen's grievance" },
  'ho.name': { hi: 'नाम', en: 'Name' },
  'ho.mobile': { hi: 'मोबाइल नंबर', en: 'Mobile number' },
  'ho.district': { hi: 'जिला', en: 'District' },
  'ho.area': { hi: 'गाँव या शहर', en: 'Village or town' },
  'ho.rural': { hi: 'गाँव', en: 'Village' },
  'ho.urban': { hi: 'शहर', en: 'Town' },
  'ho.place': { hi: 'पता / गाँव / वार्ड (वैकल्पिक)', en: 'Address, village or ward (optional)' },
  'ho.department': { hi: 'विभाग', en: 'Department' },
  'ho.description': { hi: 'समस्या', en: 'Problem' },
  'ho.choose': { hi: 'चुनें', en: 'Choose' },
  'ho.consent': { hi: 'नागरिक ने फ़ोन पर परिवाद दर्ज करने और इन विवरणों के उपयोग की सहमति दी है।', en: 'The citizen consented on the phone to registering this grievance and to the use of these details.' },
  'ho.registerButton': { hi: 'परिवाद दर्ज करें', en: 'Register grievance' },
  'ho.registered': { hi: 'परिवाद {number} दर्ज हुआ और संबंधित अधिकारी को भेजा गया।', en: 'Grievance {number} registered and sent to the officer concerned.' },
  'ho.note': { hi: 'आपने क्या किया (टिप्पणी)', en: 'What you did (note)' },
  'ho.close': { hi: 'टिप्पणी के साथ बंद करें', en: 'Close with this note' },
  'ho.closedDone': { hi: 'बातचीत {ref} बंद की गई।', en: 'Conversation {ref} closed.' },
} satisfies Record<string, Entry>;

