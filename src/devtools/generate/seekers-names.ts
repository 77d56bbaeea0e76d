/**
 * Names of job seekers from the corridor's origin countries, as people write them (in their
 * own script) with the Latin form they give beside them. Common given and family names of
 * each country, gathered by hand for the demo and the generator (no data set): combined at
 * random, they make people who do not exist. `sex` is the usual one for a given name.
 */

export interface GivenName {
  own: string;
  latin: string;
  sex: 'F' | 'M';
}

export interface FamilyName {
  own: string;
  latin: string;
}

export interface OriginCountry {
  code: string;
  /** The person's first language (a code of the language table) and the site's language. */
  language: string;
  siteLanguage: 'en' | 'ar' | 'ur' | 'ne' | 'bn' | 'fil' | 'sw';
  /** How often people of this country are drawn (relative). */
  weight: number;
  /** Share of people known by one name only (a mononym, kept as the given name). */
  mononyms: number;
  /** Mobile numbers: country calling code and the national significant number's pattern. */
  phone: { prefix: string; first: readonly string[]; digits: number };
  given: readonly GivenName[];
  family: readonly FamilyName[];
  institutions: readonly string[];
  employers: readonly string[];
}

const f = (own: string, latin: string): GivenName => ({ own, latin, sex: 'F' });
const m = (own: string, latin: string): GivenName => ({ own, latin, sex: 'M' });
const n = (own: string, latin: string): FamilyName => ({ own, latin });

export const ORIGIN_COUNTRIES: readonly OriginCountry[] = [
  {
    code: 'NP',
    language: 'ne',
    siteLanguage: 'ne',
    weight: 16,
    mononyms: 0.03,
    phone: { prefix: '+977', first: ['98', '97'], digits: 8 },
    given: [
      f('सीता', 'Sita'),
      f('गीता', 'Gita'),
      f('कमला', 'Kamala'),
      f('सुनिता', 'Sunita'),
      f('अनिता', 'Anita'),
      f('सरिता', 'Sarita'),
      f('मनिषा', 'Manisha'),
      f('पार्वती', 'Parbati'),
      m('राम', 'Ram'),
      m('हरि', 'Hari'),
      m('बिकास', 'Bikash'),
      m('प्रकाश', 'Prakash'),
      m('दीपक', 'Dipak'),
      m('राजेश', 'Rajesh'),
      m('सुरेश', 'Suresh'),
      m('कृष्ण बहादुर', 'Krishna Bahadur'),
    ],
    family: [
      n('थापा', 'Thapa'),
      n('गुरुङ', 'Gurung'),
      n('तामाङ', 'Tamang'),
      n('श्रेष्ठ', 'Shrestha'),
      n('राई', 'Rai'),
      n('मगर', 'Magar'),
      n('अधिकारी', 'Adhikari'),
      n('लामा', 'Lama'),
      n('खड्का', 'Khadka'),
      n('पौडेल', 'Poudel'),
    ],
    institutions: ['Tribhuvan University', 'Pokhara Technical School', 'Janata Secondary School'],
    employers: ['Himalayan Builders', 'Everest Hotel', 'Bagmati Hospital'],
  },
  {
    code: 'BD',
    language: 'bn',
    siteLanguage: 'bn',
    weight: 15,
    mononyms: 0.02,
    phone: { prefix: '+880', first: ['17', '18', '19', '15'], digits: 8 },
    given: [
      m('মোহাম্মদ', 'Mohammad'),
      m('রহিম', 'Rahim'),
      m('করিম', 'Karim'),
      m('আব্দুল', 'Abdul'),
      m('রফিক', 'Rafiq'),
      m('জাহিদ', 'Zahid'),
      m('তানভীর', 'Tanvir'),
      f('ফাতেমা', 'Fatema'),
      f('নাসরিন', 'Nasrin'),
      f('সুমাইয়া', 'Sumaiya'),
      f('শাহনাজ', 'Shahnaz'),
      f('রুমানা', 'Rumana'),
    ],
    family: [
      n('হোসেন', 'Hossain'),
      n('রহমান', 'Rahman'),
      n('ইসলাম', 'Islam'),
      n('আহমেদ', 'Ahmed'),
      n('খান', 'Khan'),
      n('চৌধুরী', 'Chowdhury'),
      n('মিয়া', 'Miah'),
      n('আক্তার', 'Akter'),
      n('বেগম', 'Begum'),
      n('সরকার', 'Sarkar'),
    ],
    institutions: [
      'University of Dhaka',
      'Chittagong Polytechnic Institute',
      'Sylhet Govt. School',
    ],
    employers: ['Padma Garments', 'Dhaka Construction Ltd', 'Bengal Foods'],
  },
  {
    code: 'PK',
    language: 'ur',
    siteLanguage: 'ur',
    weight: 13,
    mononyms: 0.04,
    phone: { prefix: '+92', first: ['30', '31', '32', '33', '34'], digits: 8 },
    given: [
      m('محمد', 'Muhammad'),
      m('علی', 'Ali'),
      m('عمران', 'Imran'),
      m('بلال', 'Bilal'),
      m('حسن', 'Hassan'),
      m('عثمان', 'Usman'),
      m('کامران', 'Kamran'),
      f('عائشہ', 'Ayesha'),
      f('فاطمہ', 'Fatima'),
      f('زینب', 'Zainab'),
      f('نادیہ', 'Nadia'),
      f('صائمہ', 'Saima'),
    ],
    family: [
      n('خان', 'Khan'),
      n('بٹ', 'Butt'),
      n('ملک', 'Malik'),
      n('چوہدری', 'Chaudhry'),
      n('قریشی', 'Qureshi'),
      n('اعوان', 'Awan'),
      n('شیخ', 'Sheikh'),
      n('راجپوت', 'Rajput'),
      n('مرزا', 'Mirza'),
      n('حسین', 'Hussain'),
    ],
    institutions: [
      'University of the Punjab',
      'Government College of Technology, Lahore',
      'Karachi Public School',
    ],
    employers: ['Indus Textiles', 'Lahore Builders', 'Karachi Port Services'],
  },
  {
    code: 'PH',
    language: 'fil',
    siteLanguage: 'fil',
    weight: 14,
    mononyms: 0,
    phone: { prefix: '+63', first: ['917', '918', '927', '939'], digits: 7 },
    given: [
      f('Maria Luz', 'Maria Luz'),
      f('Ana Marie', 'Ana Marie'),
      f('Rowena', 'Rowena'),
      f('Maricel', 'Maricel'),
      f('Jennifer', 'Jennifer'),
      f('Liza', 'Liza'),
      f('Cristina', 'Cristina'),
      m('José', 'José'),
      m('Juan Carlos', 'Juan Carlos'),
      m('Ricardo', 'Ricardo'),
      m('Rodel', 'Rodel'),
      m('Ramon', 'Ramon'),
    ],
    family: [
      n('Santos', 'Santos'),
      n('Reyes', 'Reyes'),
      n('Cruz', 'Cruz'),
      n('Bautista', 'Bautista'),
      n('Garcia', 'Garcia'),
      n('Mendoza', 'Mendoza'),
      n('Dela Cruz', 'Dela Cruz'),
      n('Villanueva', 'Villanueva'),
      n('Peñaflor', 'Peñaflor'),
      n('Aquino', 'Aquino'),
    ],
    institutions: [
      'University of the Philippines',
      'Cebu Technical College',
      'Davao City National High School',
    ],
    employers: ['Manila Medical Center', 'Visayas Resort Hotel', 'Luzon Shipyard'],
  },
  {
    code: 'KE',
    language: 'sw',
    siteLanguage: 'sw',
    weight: 14,
    mononyms: 0,
    phone: { prefix: '+254', first: ['7', '1'], digits: 8 },
    given: [
      f('Amina', 'Amina'),
      f('Wanjiku', 'Wanjiku'),
      f('Achieng', 'Achieng'),
      f('Njeri', 'Njeri'),
      f('Akinyi', 'Akinyi'),
      f('Chebet', 'Chebet'),
      f('Halima', 'Halima'),
      m('Otieno', 'Otieno'),
      m('Kamau', 'Kamau'),
      m('Mwangi', 'Mwangi'),
      m('Kiprono', 'Kiprono'),
      m('Juma', 'Juma'),
    ],
    family: [
      n('Otieno', 'Otieno'),
      n('Kamau', 'Kamau'),
      n('Wanjiru', 'Wanjiru'),
      n('Mwangi', 'Mwangi'),
      n('Ochieng', 'Ochieng'),
      n('Kiptoo', 'Kiptoo'),
      n('Mutua', 'Mutua'),
      n('Njoroge', 'Njoroge'),
      n('Wambui', 'Wambui'),
      n('Omondi', 'Omondi'),
    ],
    institutions: [
      'University of Nairobi',
      'Kenya Medical Training College',
      'Mombasa Technical Institute',
    ],
    employers: ['Nairobi Hospital', 'Mombasa Beach Hotel', 'Rift Valley Farms'],
  },
  {
    code: 'EG',
    language: 'ar',
    siteLanguage: 'ar',
    weight: 10,
    mononyms: 0,
    phone: { prefix: '+20', first: ['10', '11', '12', '15'], digits: 8 },
    given: [
      m('أحمد', 'Ahmed'),
      m('محمود', 'Mahmoud'),
      m('مصطفى', 'Mostafa'),
      m('عمرو', 'Amr'),
      m('كريم', 'Karim'),
      m('إبراهيم', 'Ibrahim'),
      f('منى', 'Mona'),
      f('ياسمين', 'Yasmin'),
      f('هبة', 'Heba'),
      f('نور', 'Nour'),
      f('سارة', 'Sara'),
      f('رانيا', 'Rania'),
    ],
    family: [
      n('حسن', 'Hassan'),
      n('السيد', 'El-Sayed'),
      n('عبد الله', 'Abdallah'),
      n('مصطفى', 'Mostafa'),
      n('إبراهيم', 'Ibrahim'),
      n('علي', 'Aly'),
      n('فاروق', 'Farouk'),
      n('سالم', 'Salem'),
      n('النجار', 'El-Naggar'),
      n('منصور', 'Mansour'),
    ],
    institutions: ['Cairo University', 'Alexandria Technical Institute', 'Asyut Secondary School'],
    employers: ['Nile Construction', 'Red Sea Resorts', 'Giza Motors'],
  },
  {
    code: 'IN',
    language: 'hi',
    siteLanguage: 'en',
    weight: 12,
    mononyms: 0.05,
    phone: { prefix: '+91', first: ['9', '8', '7'], digits: 9 },
    given: [
      f('प्रिया', 'Priya'),
      f('पूजा', 'Pooja'),
      f('अंजलि', 'Anjali'),
      f('नेहा', 'Neha'),
      f('कविता', 'Kavita'),
      f('मीना', 'Meena'),
      m('अमित', 'Amit'),
      m('राहुल', 'Rahul'),
      m('सुनील', 'Sunil'),
      m('विकास', 'Vikas'),
      m('संजय', 'Sanjay'),
      m('अर्जुन', 'Arjun'),
    ],
    family: [
      n('शर्मा', 'Sharma'),
      n('सिंह', 'Singh'),
      n('कुमार', 'Kumar'),
      n('यादव', 'Yadav'),
      n('वर्मा', 'Verma'),
      n('गुप्ता', 'Gupta'),
      n('पटेल', 'Patel'),
      n('मिश्रा', 'Mishra'),
      n('चौहान', 'Chauhan'),
      n('तिवारी', 'Tiwari'),
    ],
    institutions: ['University of Delhi', 'Government ITI Lucknow', 'Kendriya Vidyalaya Patna'],
    employers: ['Ganga Infrastructure', 'Mumbai Care Services', 'Punjab Agro'],
  },
  {
    code: 'LK',
    language: 'si',
    siteLanguage: 'en',
    weight: 6,
    mononyms: 0,
    phone: { prefix: '+94', first: ['70', '71', '77', '76'], digits: 7 },
    given: [
      m('නිමල්', 'Nimal'),
      m('කමල්', 'Kamal'),
      m('සුනිල්', 'Sunil'),
      m('රුවන්', 'Ruwan'),
      f('චමරි', 'Chamari'),
      f('නදීකා', 'Nadeeka'),
      f('ලක්මාලි', 'Lakmali'),
      f('සඳුනි', 'Sanduni'),
    ],
    family: [
      n('පෙරේරා', 'Perera'),
      n('සිල්වා', 'Silva'),
      n('ජයසූරිය', 'Jayasuriya'),
      n('බණ්ඩාර', 'Bandara'),
      n('ගුණසේකර', 'Gunasekara'),
      n('විජේසිංහ', 'Wijesinghe'),
      n('දිසානායක', 'Dissanayake'),
      n('හේරත්', 'Herath'),
    ],
    institutions: ['University of Colombo', 'Kandy Technical College', 'Galle Central College'],
    employers: ['Colombo Garments', 'Kandy Tea Estates', 'Lanka Hotels'],
  },
];
