/**
 * Places and the sentences around a complaint (greeting, who is complaining, how long, what it costs,
 * what is asked) for the generated triage corpus, in Hindi (hi), romanised Hindi (hg) and English (en).
 * Written by hand; scripts/triage-corpus.ts combines them with the per-category problems in bank.ts.
 */
export type Reg = 'hi' | 'hg' | 'en';

/** Tehsils as people write them in Hindi, with the LGD spelling (district comes from places.json). */
export const TEHSILS: [hi: string, en: string][] = [
  ['सांगानेर', 'Sanganer'], ['चाकसू', 'Chaksu'], ['फागी', 'Phagi'], ['चौमूं', 'Chomu'], ['जमवारामगढ़', 'Jamwa Ramgarh'],
  ['आमेर', 'Amber'], ['किशनगढ़', 'Kishangarh'], ['नसीराबाद', 'Nasirabad'], ['पुष्कर', 'Pushkar'], ['नोखा', 'Nokha'],
  ['लूणकरणसर', 'Lunkaransar'], ['कोलायत', 'Kolayat'], ['खाजूवाला', 'Khajuwala'], ['श्रीडूंगरगढ़', 'Sridungargarh'],
  ['ओसियां', 'Osian'], ['बिलाड़ा', 'Bilara'], ['भोपालगढ़', 'Bhopalgarh'], ['पीपाड़ शहर', 'Pipar Shahar'], ['मेड़ता', 'Merta'],
  ['डेगाना', 'Degana'], ['खींवसर', 'Kheenvsar'], ['लाडनूं', 'Ladnu'], ['मकराना', 'Makrana'], ['परबतसर', 'Parbatsar'],
  ['जायल', 'Jayal'], ['सुजानगढ़', 'Sujangarh'], ['रतनगढ़', 'Ratangarh'], ['सरदारशहर', 'Sardarshahar'], ['तारानगर', 'Taranagar'],
  ['नवलगढ़', 'Nawalgarh'], ['खेतड़ी', 'Khetri'], ['चिड़ावा', 'Chirawa'], ['उदयपुरवाटी', 'Udaipurwati'], ['सूरजगढ़', 'Surajgarh'],
  ['बुहाना', 'Buhana'], ['दांतारामगढ़', 'Danta Ramgarh'], ['श्रीमाधोपुर', 'Sri Madhopur'], ['थानागाजी', 'Thanagazi'],
  ['बानसूर', 'Bansur'], ['नीमराणा', 'Neemrana'], ['विराटनगर', 'Viratnagar'], ['लालसोट', 'Lalsot'], ['सिकराय', 'Sikrai'],
  ['बांदीकुई', 'Bandikui'], ['महवा', 'Mahwa'], ['हिंडौन', 'Hindaun'], ['टोडाभीम', 'Todabhim'], ['नादौती', 'Nadoti'],
  ['बामनवास', 'Bamanwas'], ['खंडार', 'Khandar'], ['निवाई', 'Niwai'], ['मालपुरा', 'Malpura'], ['उनियारा', 'Uniara'],
  ['टोडारायसिंह', 'Todaraisingh'], ['पीपलू', 'Peeplu'], ['बयाना', 'Bayana'], ['नदबई', 'Nadbai'], ['रूपवास', 'Rupbas'],
  ['कुम्हेर', 'Kumher'], ['राजाखेड़ा', 'Rajakhera'], ['बसेड़ी', 'Baseri'], ['नैनवां', 'Nainwa'], ['केशवरायपाटन', 'Keshoraipatan'],
  ['इंद्रगढ़', 'Indragarh'], ['सांगोद', 'Sangod'], ['रामगंजमंडी', 'Ramganj Mandi'], ['लाडपुरा', 'Ladpura'], ['दीगोद', 'Digod'],
  ['अटरू', 'Atru'], ['छबड़ा', 'Chhabra'], ['अंता', 'Antah'], ['झालरापाटन', 'Jhalrapatan'], ['पिड़ावा', 'Pirawa'],
  ['खानपुर', 'Khanpur'], ['अकलेरा', 'Aklera'], ['मनोहरथाना', 'Manohar Thana'], ['गंगधार', 'Gangdhar'], ['निम्बाहेड़ा', 'Nimbahera'],
  ['कपासन', 'Kapasan'], ['रावतभाटा', 'Rawatbhata'], ['बड़ीसादड़ी', 'Bari Sadri'], ['गंगरार', 'Gangrar'], ['मांडलगढ़', 'Mandalgarh'],
  ['आसींद', 'Asind'], ['जहाजपुर', 'Jahazpur'], ['बनेड़ा', 'Banera'], ['बिजौलिया', 'Bijoliya'], ['नाथद्वारा', 'Nathdwara'],
  ['कुंभलगढ़', 'Kumbhalgarh'], ['देवगढ़', 'Deogarh'], ['रेलमगरा', 'Railmagra'], ['गिर्वा', 'Girwa'], ['मावली', 'Mavli'],
  ['वल्लभनगर', 'Vallabhnagar'], ['झाड़ोल', 'Jhadol'], ['खेरवाड़ा', 'Kherwara'], ['गोगुंदा', 'Gogunda'], ['सागवाड़ा', 'Sagwara'],
  ['आसपुर', 'Aspur'], ['सीमलवाड़ा', 'Simalwara'], ['घाटोल', 'Ghatol'], ['कुशलगढ़', 'Kushalgarh'], ['बागीदौरा', 'Bagidora'],
  ['धरियावद', 'Dhariawad'], ['छोटी सादड़ी', 'Chhoti Sadri'], ['भीनमाल', 'Bhinmal'], ['आहोर', 'Ahore'], ['रानीवाड़ा', 'Raniwara'],
  ['सायला', 'Sayla'], ['पिंडवाड़ा', 'Pindwara'], ['आबू रोड', 'Abu Road'], ['शिवगंज', 'Sheoganj'], ['जैतारण', 'Jaitaran'],
  ['सुमेरपुर', 'Sumerpur'], ['देसूरी', 'Desuri'], ['मारवाड़ जंक्शन', 'Marwar Junction'], ['पचपदरा', 'Pachpadra'], ['सिवाना', 'Siwana'],
  ['चौहटन', 'Chohtan'], ['गुड़ामालानी', 'Gudha Malani'], ['पोकरण', 'Pokaran'], ['नोहर', 'Nohar'], ['भादरा', 'Bhadra'],
  ['पीलीबंगा', 'Pilibanga'], ['संगरिया', 'Sangaria'], ['रावतसर', 'Rawatsar'], ['सूरतगढ़', 'Suratgarh'], ['पदमपुर', 'Padampur'],
  ['रायसिंहनगर', 'Raisinghnagar'], ['करणपुर', 'Karanpur'], ['घड़साना', 'Gharsana'], ['कपासन', 'Kapasan'], ['हिंडोली', 'Hindoli'],
];

/** Towns (urban bodies) with their current district. */
export const TOWNS: [hi: string, en: string, district: string][] = [
  ['भिवाड़ी', 'Bhiwadi', 'khairthal-tijara'], ['किशनगढ़', 'Kishangarh', 'ajmer'], ['सुजानगढ़', 'Sujangarh', 'churu'],
  ['मकराना', 'Makrana', 'didwana-kuchaman'], ['नवलगढ़', 'Nawalgarh', 'jhunjhunu'], ['चौमूं', 'Chomu', 'jaipur'],
  ['हिंडौन सिटी', 'Hindaun City', 'karauli'], ['सरदारशहर', 'Sardarshahar', 'churu'], ['रतनगढ़', 'Ratangarh', 'churu'],
  ['सूरतगढ़', 'Suratgarh', 'sri-ganganagar'], ['नोहर', 'Nohar', 'hanumangarh'], ['नाथद्वारा', 'Nathdwara', 'rajsamand'],
  ['निम्बाहेड़ा', 'Nimbahera', 'chittorgarh'], ['रावतभाटा', 'Rawatbhata', 'chittorgarh'], ['झालरापाटन', 'Jhalrapatan', 'jhalawar'],
  ['भवानी मंडी', 'Bhawani Mandi', 'jhalawar'], ['सुमेरपुर', 'Sumerpur', 'pali'], ['फालना', 'Falna', 'pali'],
  ['पोकरण', 'Pokaran', 'jaisalmer'], ['लाडनूं', 'Ladnu', 'didwana-kuchaman'], ['खेतड़ी', 'Khetri', 'jhunjhunu'],
  ['चिड़ावा', 'Chirawa', 'jhunjhunu'], ['सागवाड़ा', 'Sagwara', 'dungarpur'], ['कुशलगढ़', 'Kushalgarh', 'banswara'],
  ['आबू रोड', 'Abu Road', 'sirohi'], ['माउंट आबू', 'Mount Abu', 'sirohi'], ['भीनमाल', 'Bhinmal', 'jalore'],
  ['नोखा', 'Nokha', 'bikaner'], ['देशनोक', 'Deshnoke', 'bikaner'], ['गुलाबपुरा', 'Gulabpura', 'bhilwara'],
  ['लाखेरी', 'Lakheri', 'bundi'], ['कैथून', 'Kaithoon', 'kota'], ['बगरू', 'Bagru', 'jaipur'], ['रींगस', 'Reengus', 'sikar'],
  ['खाटूश्यामजी', 'Khatushyamji', 'sikar'], ['लोसल', 'Losal', 'sikar'], ['पीलीबंगा', 'Pilibanga', 'hanumangarh'],
  ['संगरिया', 'Sangaria', 'hanumangarh'], ['श्रीकरणपुर', 'Srikaranpur', 'sri-ganganagar'], ['बालोतरा', 'Balotra', 'balotra'],
];

/** Villages: common names that are not tehsils, blocks or towns (the generator checks this). */
export const VILLAGES: [hi: string, en: string][] = [
  ['रामपुरा', 'Rampura'], ['गोपालपुरा', 'Gopalpura'], ['भोजपुरा', 'Bhojpura'], ['किशनपुरा', 'Kishanpura'], ['देवीपुरा', 'Devipura'],
  ['चांदपुरा', 'Chandpura'], ['सुंदरपुरा', 'Sundarpura'], ['लालपुरा', 'Lalpura'], ['नयाबास', 'Nayabas'], ['भैरूपुरा', 'Bhairupura'],
  ['खेजड़ली', 'Khejarli'], ['डाबड़ी', 'Dabri'], ['कुम्हारिया', 'Kumharia'], ['रतनपुरा', 'Ratanpura'], ['मोतीपुरा', 'Motipura'],
  ['गणेशपुरा', 'Ganeshpura'], ['भगवानपुरा', 'Bhagwanpura'], ['पिपलिया', 'Pipliya'], ['अमरपुरा', 'Amarpura'], ['बेरिया', 'Beriya'],
  ['गुढ़ा कलां', 'Gudha Kalan'], ['मोहनपुरा', 'Mohanpura'], ['लखासर', 'Lakhasar'], ['नांगल कलां', 'Nangal Kalan'],
  ['महेशपुरा', 'Maheshpura'], ['ठीकरिया', 'Thikariya'], ['शेरपुरा', 'Sherpura'], ['हरिपुरा', 'Haripura'], ['जसवंतपुरा', 'Jaswantpura'],
  ['दौलतपुरा', 'Daulatpura'], ['बिशनपुरा', 'Bishanpura'], ['कानपुरा', 'Kanpura'], ['मालियों की ढाणी', 'Maliyon ki Dhani'],
  ['जाटों का बास', 'Jaton ka Bas'], ['मीणों की ढाणी', 'Meenon ki Dhani'], ['सांवलपुरा', 'Sanwalpura'], ['खारड़ा', 'Kharda'],
  ['भूरासर', 'Bhurasar'], ['धोलिया', 'Dholiya'], ['सेवापुरा', 'Sewapura'],
];

export const COLONIES: [hi: string, en: string][] = [
  ['शास्त्री नगर', 'Shastri Nagar'], ['गांधी कॉलोनी', 'Gandhi Colony'], ['हाउसिंग बोर्ड कॉलोनी', 'Housing Board Colony'],
  ['सुभाष नगर', 'Subhash Nagar'], ['इंदिरा कॉलोनी', 'Indira Colony'], ['पुराना बाजार', 'Purana Bazar'], ['स्टेशन रोड', 'Station Road'],
  ['तिलक नगर', 'Tilak Nagar'], ['महावीर नगर', 'Mahaveer Nagar'], ['आदर्श नगर', 'Adarsh Nagar'], ['कृष्णा कॉलोनी', 'Krishna Colony'],
  ['सिविल लाइंस', 'Civil Lines'], ['बस स्टैंड के पीछे', 'behind the bus stand'],
];

export const NAMES: [hi: string, en: string][] = [
  ['रामेश्वर लाल', 'Rameshwar Lal'], ['सीता देवी', 'Sita Devi'], ['मोहन सिंह', 'Mohan Singh'], ['गीता बाई', 'Geeta Bai'],
  ['भंवर लाल मीणा', 'Bhanwar Lal Meena'], ['कमला देवी', 'Kamla Devi'], ['सुरेश कुमार जाट', 'Suresh Kumar Jat'],
  ['अब्दुल रशीद', 'Abdul Rashid'], ['पप्पू राम', 'Pappu Ram'], ['शांति देवी', 'Shanti Devi'], ['हनुमान सहाय', 'Hanuman Sahay'],
  ['प्रकाश चंद शर्मा', 'Prakash Chand Sharma'], ['लक्ष्मी कंवर', 'Laxmi Kanwar'], ['गोपाल गुर्जर', 'Gopal Gurjar'],
  ['नरेंद्र सैनी', 'Narendra Saini'], ['मंगी लाल रेगर', 'Mangi Lal Regar'], ['फातिमा बानो', 'Fatima Bano'], ['धन्ना राम', 'Dhanna Ram'],
];

export const SALUTATIONS: Record<Reg, string[]> = {
  hi: ['महोदय,', 'श्रीमान जी,', 'सेवा में, श्रीमान जिला कलेक्टर महोदय,', 'माननीय मुख्यमंत्री जी,', 'निवेदन है कि', 'सविनय निवेदन है कि'],
  hg: ['sir,', 'shriman ji,', 'namaste sir', 'sir ji', 'nivedan hai ki'],
  en: ['Sir,', 'Respected Sir/Madam,', 'To the Collector,', 'Dear Sir,'],
};

export const DURATIONS: Record<Reg, ((n: number) => string)[]> = {
  hi: [(n) => `यह समस्या पिछले ${n} दिन से है।`, (n) => `${n} दिन हो गए, कोई सुनवाई नहीं हुई।`, (n) => `करीब ${n} हफ्ते से यही हाल है।`,
    (n) => `${n} महीने से चक्कर काट रहे हैं।`, () => 'कल से यह परेशानी है।', () => 'कई महीनों से यही स्थिति है।'],
  hg: [(n) => `${n} din se yahi haal hai.`, (n) => `pichhle ${n} din se pareshan hai`, (n) => `${n} mahine se chakkar kaat rahe hai`,
    () => 'kal se problem hai', () => 'kaafi time se ye dikkat hai'],
  en: [(n) => `This has been going on for ${n} days.`, (n) => `It has been ${n} weeks now.`, () => 'The problem started last week.',
    (n) => `We have been waiting for ${n} months.`],
};

export const IMPACTS: Record<Reg, string[]> = {
  hi: ['गाँव वालों को बहुत परेशानी हो रही है।', 'बच्चे और बुजुर्ग परेशान हैं।', 'कई बार शिकायत की पर कोई कार्रवाई नहीं हुई।',
    'संबंधित कर्मचारी फोन नहीं उठाते।', 'दफ्तर में कहते हैं कल आना।', 'हम गरीब लोग हैं, बार बार चक्कर नहीं लगा सकते।'],
  hg: ['bahut pareshani ho rahi hai', 'koi sunwai nahi ho rahi', 'office wale kehte hai kal aana', 'kai baar complaint kar chuke hai',
    'adhikari phone nahi uthate', 'garib aadmi hai kaha jaye'],
  en: ['Nobody is listening to us.', 'We have complained many times with no result.', 'The officials do not answer the phone.',
    'This is causing great hardship to the family.'],
};

export const REQUESTS: Record<Reg, string[]> = {
  hi: ['कृपया शीघ्र समाधान करवाएं।', 'उचित कार्रवाई करने की कृपा करें।', 'जल्द से जल्द ठीक करवाया जाए।', 'कृपया मदद करें।',
    'दोषी के खिलाफ कार्रवाई की जाए।', 'आपसे निवेदन है कि समस्या का निस्तारण करवाएं।'],
  hg: ['jaldi se jaldi thik karwaye', 'kripya samadhan karwaye', 'please help karo', 'karyawahi ki jaye', 'madad kijiye'],
  en: ['Please resolve this at the earliest.', 'Kindly take action.', 'Request you to look into this.', 'Please help.'],
};

export const CLOSINGS: Record<Reg, string[]> = {
  hi: ['धन्यवाद।', 'भवदीय,', 'प्रार्थी', ''],
  hg: ['dhanyawad', 'thank you', ''],
  en: ['Thank you.', 'Yours faithfully.', ''],
};

/** One category's sentences: where the problem happens, how often it comes, and what people say in each register. */
export type Bank = { place: 'rural' | 'urban' | 'any'; weight?: number } & Record<Reg, string[]> & { more?: Partial<Record<Reg, string[]>> };
/** A department's categories and their sentences (./bank.ts). */
export type DeptBank = Record<string, Bank>;
