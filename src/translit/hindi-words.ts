/**
 * Common words of grievances as people type them in Roman letters, with their Hindi spelling: the first
 * suggestion wherever the rules of ./romanised.ts would guess wrong (nasals, long vowels, schwa, ड़/ड).
 * Hand-made for this project from the kinds of complaints Sampark receives (water, power, roads, ration,
 * pensions, land, health, schools) and reviewed word by word; several spellings may lead to one word.
 * Keys are lower case; the value may list alternatives, best first.
 */
export const HINDI_WORDS: Readonly<Record<string, readonly string[]>> = {
  // Everyday words
  nahi: ['नहीं'], nahin: ['नहीं'], nahee: ['नहीं'], nhi: ['नहीं'], na: ['न', 'ना'], haan: ['हाँ'], ha: ['हाँ', 'हा'],
  hai: ['है'], hain: ['हैं'], he: ['है'], tha: ['था'], thi: ['थी'], the: ['थे'], ho: ['हो'], hua: ['हुआ'], hui: ['हुई'], hue: ['हुए'],
  raha: ['रहा'], rahi: ['रही'], rahe: ['रहे'], aa: ['आ'], aaya: ['आया'], aayi: ['आई'], aata: ['आता'], aati: ['आती'], aate: ['आते'],
  ja: ['जा'], jata: ['जाता'], jati: ['जाती'], gaya: ['गया'], gayi: ['गई'], gaye: ['गए'], kar: ['कर'], karna: ['करना'], karen: ['करें'], kare: ['करे'],
  kiya: ['किया'], kiye: ['किए'], diya: ['दिया'], di: ['दी'], de: ['दे'], dena: ['देना'], mila: ['मिला'], mili: ['मिली'], mil: ['मिल'],
  main: ['मैं', 'में'], mein: ['में'], me: ['में', 'मे'], mai: ['मैं'], hum: ['हम'], ham: ['हम'], mera: ['मेरा'], meri: ['मेरी'], mere: ['मेरे'],
  hamara: ['हमारा'], hamari: ['हमारी'], hamare: ['हमारे'], ka: ['का'], ki: ['की'], ke: ['के'], ko: ['को'], se: ['से'], par: ['पर'], pe: ['पे'],
  aur: ['और'], ya: ['या'], bhi: ['भी'], to: ['तो'], koi: ['कोई'], kuch: ['कुछ'], kuchh: ['कुछ'], sab: ['सब'], bahut: ['बहुत'], bahot: ['बहुत'],
  abhi: ['अभी'], ab: ['अब'], kab: ['कब'], kyon: ['क्यों'], kyun: ['क्यों'], kya: ['क्या'], kaise: ['कैसे'], yah: ['यह'], yeh: ['यह'], ye: ['ये'],
  vah: ['वह'], woh: ['वह'], wo: ['वो'], is: ['इस'], us: ['उस'], din: ['दिन'], dino: ['दिनों'], dinon: ['दिनों'], mahine: ['महीने'], mahina: ['महीना'],
  saal: ['साल'], sal: ['साल'], hafte: ['हफ्ते'], hafta: ['हफ्ता'], roj: ['रोज़'], roz: ['रोज़'], baar: ['बार'], bar: ['बार'], ek: ['एक'], do: ['दो'],
  teen: ['तीन'], char: ['चार'], paanch: ['पाँच'], panch: ['पाँच'], das: ['दस'], tak: ['तक'], liye: ['लिए'], lie: ['लिए'], bina: ['बिना'],
  kripya: ['कृपया'], krupya: ['कृपया'], shikayat: ['शिकायत'], parivad: ['परिवाद'], samasya: ['समस्या'], pareshani: ['परेशानी'], dikkat: ['दिक्कत'],
  jald: ['जल्द'], jaldi: ['जल्दी'], turant: ['तुरंत'], theek: ['ठीक'], thik: ['ठीक'], kharab: ['खराब'], kharaab: ['खराब'], band: ['बंद'], chalu: ['चालू'],
  toota: ['टूटा'], tuta: ['टूटा'], tooti: ['टूटी'], tuti: ['टूटी'], tute: ['टूटे'], poora: ['पूरा'], pura: ['पूरा'], sahi: ['सही'], galat: ['गलत'],
  // Places and people
  gaon: ['गाँव'], gaanv: ['गाँव'], gav: ['गाँव'], gram: ['ग्राम'], panchayat: ['पंचायत'], shahar: ['शहर'], mohalla: ['मोहल्ला'], basti: ['बस्ती'],
  ward: ['वार्ड'], dhani: ['ढाणी'], ghar: ['घर'], makan: ['मकान'], gali: ['गली'], sadak: ['सड़क'], sarak: ['सड़क'], rasta: ['रास्ता'], raasta: ['रास्ता'],
  school: ['स्कूल'], aspatal: ['अस्पताल'], hospital: ['अस्पताल'], daftar: ['दफ्तर'], karyalay: ['कार्यालय'], thana: ['थाना'], tehsil: ['तहसील'], jila: ['जिला'], zila: ['जिला'],
  sarpanch: ['सरपंच'], sachiv: ['सचिव'], patwari: ['पटवारी'], adhikari: ['अधिकारी'], karmchari: ['कर्मचारी'], daktar: ['डॉक्टर'], doctor: ['डॉक्टर'],
  teacher: ['शिक्षक'], shikshak: ['शिक्षक'], log: ['लोग'], logon: ['लोगों'], bachche: ['बच्चे'], bacche: ['बच्चे'], mahila: ['महिला'], kisan: ['किसान'],
  // Water, power, sanitation
  pani: ['पानी'], paani: ['पानी'], peene: ['पीने'], pine: ['पीने'], nal: ['नल'], tanki: ['टंकी'], handpump: ['हैंडपंप'], hand: ['हैंड'], pump: ['पंप'],
  pipeline: ['पाइपलाइन'], tanker: ['टैंकर'], kuan: ['कुआँ'], nahar: ['नहर'], naali: ['नाली'], nali: ['नाली'], ganda: ['गंदा'], gandagi: ['गंदगी'],
  kachra: ['कचरा'], safai: ['सफाई'], bijli: ['बिजली'], bijlee: ['बिजली'], light: ['लाइट'], transformer: ['ट्रांसफार्मर'], meter: ['मीटर'], bill: ['बिल'],
  khamba: ['खंभा'], taar: ['तार'], tar: ['तार'], current: ['करंट'], katauti: ['कटौती'],
  // Schemes and papers
  ration: ['राशन'], rashan: ['राशन'], dukan: ['दुकान'], dukaan: ['दुकान'], gehu: ['गेहूँ'], gehun: ['गेहूँ'], pension: ['पेंशन'], vridhavastha: ['वृद्धावस्था'],
  yojana: ['योजना'], yojna: ['योजना'], paisa: ['पैसा'], paise: ['पैसे'], rupaye: ['रुपये'], rupay: ['रुपये'], khata: ['खाता'], bank: ['बैंक'],
  aadhar: ['आधार'], aadhaar: ['आधार'], jan: ['जन'], card: ['कार्ड'], patta: ['पट्टा'], jameen: ['ज़मीन'], zameen: ['ज़मीन'], jamin: ['ज़मीन'],
  kabja: ['कब्ज़ा'], kabza: ['कब्ज़ा'], naam: ['नाम'], nam: ['नाम'], praman: ['प्रमाण'], patra: ['पत्र'], avedan: ['आवेदन'], form: ['फॉर्म'],
  ilaj: ['इलाज'], dawai: ['दवाई'], dawa: ['दवा'], fasal: ['फसल'], beej: ['बीज'], khad: ['खाद'], muavja: ['मुआवजा'], muavza: ['मुआवज़ा'], bima: ['बीमा'],
};
