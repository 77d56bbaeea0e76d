import type { SchemeDefinition } from './scheme.definition.js';

/**
 * Two demonstration schemes, plausible in shape (points grids like those of Gulf and other
 * destinations) but NOT the law of any country: their names and descriptions say so in every
 * language. Used by the demo data and by the tests.
 */

export const DEMO_SKILLED_SLUG = 'ae-skilled-worker-demo';
export const DEMO_CAREGIVER_SLUG = 'sa-home-caregiver-demo';

export const DEMO_SKILLED_WORKER: SchemeDefinition = {
  name: {
    en: 'Skilled worker points scheme (demonstration)',
    fr: 'Programme à points pour travailleurs qualifiés (démonstration)',
    es: 'Programa por puntos para trabajadores cualificados (demostración)',
    ar: 'نظام النقاط للعمال المهرة (للعرض التجريبي)',
    sw: 'Mpango wa alama kwa wafanyakazi wenye ujuzi (maonyesho)',
    fil: 'Points scheme para sa skilled worker (demonstrasyon)',
    ne: 'दक्ष कामदारका लागि अंक योजना (प्रदर्शन)',
    bn: 'দক্ষ কর্মীদের পয়েন্ট প্রকল্প (প্রদর্শনী)',
    ur: 'ہنر مند کارکنوں کے لیے پوائنٹس اسکیم (نمائشی)',
  },
  description: {
    en: 'A demonstration scheme for the United Arab Emirates. It is not the law of any country. Points for age, education, English and Arabic, experience and a job offer; professionals, technicians and skilled trades only.',
    fr: 'Un programme de démonstration pour les Émirats arabes unis. Ce n’est la loi d’aucun pays. Des points pour l’âge, les études, l’anglais et l’arabe, l’expérience et une offre d’emploi ; professions intellectuelles, techniciens et métiers qualifiés seulement.',
    es: 'Un programa de demostración para los Emiratos Árabes Unidos. No es la ley de ningún país. Puntos por edad, estudios, inglés y árabe, experiencia y oferta de empleo; solo profesionales, técnicos y oficios cualificados.',
    ar: 'نظام تجريبي لدولة الإمارات العربية المتحدة، وليس قانونًا لأي دولة. نقاط للعمر والتعليم والإنجليزية والعربية والخبرة وعرض العمل؛ للمهنيين والفنيين والحرفيين المهرة فقط.',
    sw: 'Mpango wa maonyesho kwa Umoja wa Falme za Kiarabu. Si sheria ya nchi yoyote. Alama kwa umri, elimu, Kiingereza na Kiarabu, uzoefu na ofa ya kazi; wataalamu, mafundi na kazi za ufundi stadi tu.',
    fil: 'Isang demonstrasyong scheme para sa United Arab Emirates. Hindi ito batas ng anumang bansa. May puntos para sa edad, pag-aaral, Ingles at Arabic, karanasan at alok na trabaho; para lang sa mga propesyonal, technician at skilled trades.',
    ne: 'संयुक्त अरब इमिरेट्सका लागि प्रदर्शन योजना। यो कुनै पनि देशको कानुन होइन। उमेर, शिक्षा, अङ्ग्रेजी र अरबी, अनुभव र रोजगारी प्रस्तावका लागि अंक; पेसाविद्, प्राविधिक र दक्ष सीपकर्मीका लागि मात्र।',
    bn: 'সংযুক্ত আরব আমিরাতের জন্য একটি প্রদর্শনী প্রকল্প। এটি কোনো দেশের আইন নয়। বয়স, শিক্ষা, ইংরেজি ও আরবি, অভিজ্ঞতা এবং চাকরির প্রস্তাবের জন্য পয়েন্ট; শুধু পেশাজীবী, টেকনিশিয়ান ও দক্ষ কারিগরদের জন্য।',
    ur: 'متحدہ عرب امارات کے لیے ایک نمائشی اسکیم۔ یہ کسی ملک کا قانون نہیں۔ عمر، تعلیم، انگریزی اور عربی، تجربے اور ملازمت کی پیشکش کے پوائنٹس؛ صرف پیشہ ور افراد، تکنیکی ماہرین اور ہنر مند کاریگروں کے لیے۔',
  },
  threshold: 60,
  criteria: {
    age: {
      mode: 'required',
      bands: [
        { min: 18, max: 24, points: 10 },
        { min: 25, max: 34, points: 20 },
        { min: 35, max: 44, points: 10 },
        { min: 45, max: 55, points: 0 },
      ],
    },
    education: {
      mode: 'points',
      steps: [
        { minLevel: 3, points: 5 },
        { minLevel: 5, points: 10 },
        { minLevel: 6, points: 20 },
        { minLevel: 7, points: 25 },
      ],
    },
    languages: [
      {
        language: 'en',
        mode: 'points',
        steps: [
          { minLevel: 'A2', points: 5 },
          { minLevel: 'B1', points: 10 },
          { minLevel: 'B2', points: 15 },
          { minLevel: 'C1', points: 20 },
        ],
      },
      {
        language: 'ar',
        mode: 'points',
        steps: [
          { minLevel: 'A2', points: 5 },
          { minLevel: 'B1', points: 10 },
        ],
      },
    ],
    experience: {
      mode: 'points',
      steps: [
        { minYears: 2, points: 5 },
        { minYears: 5, points: 10 },
        { minYears: 8, points: 15 },
      ],
    },
    jobOffer: { mode: 'points', points: 20 },
    occupation: {
      mode: 'required',
      points: 0,
      iscoCodes: ['2', '3', '72', '74'],
      escoCodes: [],
    },
  },
};

export const DEMO_CAREGIVER: SchemeDefinition = {
  name: {
    en: 'Home caregiver scheme (demonstration)',
    fr: 'Programme pour aides à domicile (démonstration)',
    es: 'Programa de cuidadores a domicilio (demostración)',
    ar: 'نظام مقدمي الرعاية المنزلية (للعرض التجريبي)',
    sw: 'Mpango wa walezi wa nyumbani (maonyesho)',
    fil: 'Scheme para sa home caregiver (demonstrasyon)',
    ne: 'घरेलु हेरचाहकर्ता योजना (प्रदर्शन)',
    bn: 'গৃহ পরিচর্যাকারী প্রকল্প (প্রদর্শনী)',
    ur: 'گھریلو نگہداشت کرنے والوں کی اسکیم (نمائشی)',
  },
  description: {
    en: 'A demonstration scheme for Saudi Arabia. It is not the law of any country. Every condition is required: age, schooling, some English, a year of experience, a job offer for care or domestic work, a medical check and the pre-departure orientation.',
    fr: 'Un programme de démonstration pour l’Arabie saoudite. Ce n’est la loi d’aucun pays. Chaque condition est obligatoire : l’âge, la scolarité, un peu d’anglais, un an d’expérience, une offre d’emploi dans l’aide à la personne ou le travail domestique, une visite médicale et la formation avant le départ.',
    es: 'Un programa de demostración para Arabia Saudí. No es la ley de ningún país. Todas las condiciones son obligatorias: edad, escolaridad, algo de inglés, un año de experiencia, una oferta de empleo en cuidados o trabajo doméstico, un examen médico y la orientación previa a la salida.',
    ar: 'نظام تجريبي للمملكة العربية السعودية، وليس قانونًا لأي دولة. كل الشروط مطلوبة: العمر، والتعليم المدرسي، وبعض الإنجليزية، وسنة خبرة، وعرض عمل في الرعاية أو العمل المنزلي، والفحص الطبي، والتوجيه قبل السفر.',
    sw: 'Mpango wa maonyesho kwa Saudi Arabia. Si sheria ya nchi yoyote. Kila sharti ni la lazima: umri, elimu ya shule, Kiingereza kidogo, mwaka mmoja wa uzoefu, ofa ya kazi ya kulea au ya nyumbani, uchunguzi wa afya na mafunzo kabla ya kuondoka.',
    fil: 'Isang demonstrasyong scheme para sa Saudi Arabia. Hindi ito batas ng anumang bansa. Kailangan ang bawat kondisyon: edad, pag-aaral, kaunting Ingles, isang taong karanasan, alok na trabaho sa pag-aalaga o gawaing bahay, medical check at pre-departure orientation.',
    ne: 'साउदी अरबका लागि प्रदर्शन योजना। यो कुनै पनि देशको कानुन होइन। हरेक सर्त अनिवार्य छ: उमेर, विद्यालय शिक्षा, थोरै अङ्ग्रेजी, एक वर्षको अनुभव, हेरचाह वा घरेलु कामको रोजगारी प्रस्ताव, स्वास्थ्य जाँच र प्रस्थानपूर्व अभिमुखीकरण।',
    bn: 'সৌদি আরবের জন্য একটি প্রদর্শনী প্রকল্প। এটি কোনো দেশের আইন নয়। প্রতিটি শর্ত বাধ্যতামূলক: বয়স, স্কুলের পড়াশোনা, কিছুটা ইংরেজি, এক বছরের অভিজ্ঞতা, পরিচর্যা বা গৃহকর্মের চাকরির প্রস্তাব, স্বাস্থ্য পরীক্ষা এবং যাত্রাপূর্ব ওরিয়েন্টেশন।',
    ur: 'سعودی عرب کے لیے ایک نمائشی اسکیم۔ یہ کسی ملک کا قانون نہیں۔ ہر شرط لازمی ہے: عمر، اسکول کی تعلیم، کچھ انگریزی، ایک سال کا تجربہ، نگہداشت یا گھریلو کام کی ملازمت کی پیشکش، طبی معائنہ اور روانگی سے پہلے کی تربیت۔',
  },
  threshold: 0,
  criteria: {
    age: { mode: 'required', bands: [{ min: 21, max: 50, points: 0 }] },
    education: { mode: 'required', steps: [{ minLevel: 2, points: 0 }] },
    languages: [{ language: 'en', mode: 'required', steps: [{ minLevel: 'A2', points: 0 }] }],
    experience: { mode: 'required', steps: [{ minYears: 1, points: 0 }] },
    jobOffer: { mode: 'required', points: 0 },
    occupation: {
      mode: 'required',
      points: 0,
      iscoCodes: ['5322', '5311', '9111'],
      escoCodes: [],
    },
    conditions: [
      {
        id: 'medical',
        mode: 'required',
        points: 0,
        question: {
          en: 'Can you pass a medical check before you travel?',
          fr: 'Pouvez-vous passer une visite médicale avant de partir ?',
          es: '¿Puede pasar un examen médico antes de viajar?',
          ar: 'هل يمكنك اجتياز فحص طبي قبل السفر؟',
          sw: 'Je, unaweza kupita uchunguzi wa afya kabla ya kusafiri?',
          fil: 'Kaya mo bang pumasa sa medical check bago ka bumiyahe?',
          ne: 'के तपाईं यात्रा गर्नुअघि स्वास्थ्य जाँचमा पास हुन सक्नुहुन्छ?',
          bn: 'যাত্রার আগে আপনি কি স্বাস্থ্য পরীক্ষায় উত্তীর্ণ হতে পারবেন?',
          ur: 'کیا آپ سفر سے پہلے طبی معائنہ پاس کر سکتے ہیں؟',
        },
      },
      {
        id: 'orientation',
        mode: 'required',
        points: 0,
        question: {
          en: 'Have you attended, or will you attend, the pre-departure orientation?',
          fr: 'Avez-vous suivi, ou allez-vous suivre, la formation avant le départ ?',
          es: '¿Ha asistido, o asistirá, a la orientación previa a la salida?',
          ar: 'هل حضرت، أو ستحضر، التوجيه قبل السفر؟',
          sw: 'Je, umehudhuria, au utahudhuria, mafunzo ya kabla ya kuondoka?',
          fil: 'Dumalo ka na ba, o dadalo ka ba, sa pre-departure orientation?',
          ne: 'के तपाईं प्रस्थानपूर्व अभिमुखीकरणमा सहभागी हुनुभयो, वा हुनुहुनेछ?',
          bn: 'আপনি কি যাত্রাপূর্ব ওরিয়েন্টেশনে অংশ নিয়েছেন, বা নেবেন?',
          ur: 'کیا آپ نے روانگی سے پہلے کی تربیت میں شرکت کی ہے، یا کریں گے؟',
        },
      },
    ],
  },
};
