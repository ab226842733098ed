"""The visit pool's starting short lists: categories, facilities and languages of visits.

Data migration 0002 seeds them on a fresh database and the demo recreates any that staff
deleted. Names are keyed by the suffix of their translated column (`name_zh_hans`); a
language added to the site later has no name here and falls back until staff write one.
"""

CATEGORIES = [
    (
        "culture-tourism",
        {
            "zh_hans": "文化旅游",
            "en": "Culture and tourism",
            "ja": "文化・観光",
            "ru": "Культура и туризм",
            "fr": "Culture et tourisme",
            "es": "Cultura y turismo",
            "ar": "الثقافة والسياحة",
        },
    ),
    (
        "business",
        {
            "zh_hans": "商务",
            "en": "Business",
            "ja": "ビジネス",
            "ru": "Бизнес",
            "fr": "Affaires",
            "es": "Negocios",
            "ar": "الأعمال",
        },
    ),
    (
        "science-technology",
        {
            "zh_hans": "科技",
            "en": "Science and technology",
            "ja": "科学技術",
            "ru": "Наука и технологии",
            "fr": "Science et technologie",
            "es": "Ciencia y tecnología",
            "ar": "العلوم والتكنولوجيا",
        },
    ),
    (
        "education",
        {
            "zh_hans": "教育",
            "en": "Education",
            "ja": "教育",
            "ru": "Образование",
            "fr": "Éducation",
            "es": "Educación",
            "ar": "التعليم",
        },
    ),
    (
        "healthcare",
        {
            "zh_hans": "医疗",
            "en": "Healthcare",
            "ja": "医療",
            "ru": "Здравоохранение",
            "fr": "Santé",
            "es": "Salud",
            "ar": "الرعاية الصحية",
        },
    ),
]

FACILITIES = [
    (
        "step-free",
        {
            "zh_hans": "无障碍通行",
            "en": "Step-free access",
            "ja": "段差のないアクセス",
            "ru": "Доступ без ступенек",
            "fr": "Accès de plain-pied",
            "es": "Acceso sin escalones",
            "ar": "دخول بلا درج",
        },
    ),
    (
        "accessible-toilet",
        {
            "zh_hans": "无障碍卫生间",
            "en": "Accessible toilet",
            "ja": "多目的トイレ",
            "ru": "Туалет для людей с инвалидностью",
            "fr": "Toilettes accessibles",
            "es": "Aseo accesible",
            "ar": "دورة مياه مهيأة",
        },
    ),
    (
        "interpretation-booths",
        {
            "zh_hans": "同声传译间",
            "en": "Interpretation booths",
            "ja": "同時通訳ブース",
            "ru": "Кабины синхронного перевода",
            "fr": "Cabines d'interprétation",
            "es": "Cabinas de interpretación",
            "ar": "مقصورات الترجمة الفورية",
        },
    ),
    (
        "meeting-rooms",
        {
            "zh_hans": "会议室",
            "en": "Meeting rooms",
            "ja": "会議室",
            "ru": "Переговорные комнаты",
            "fr": "Salles de réunion",
            "es": "Salas de reuniones",
            "ar": "قاعات اجتماعات",
        },
    ),
    (
        "parking",
        {
            "zh_hans": "停车场",
            "en": "Parking",
            "ja": "駐車場",
            "ru": "Парковка",
            "fr": "Parking",
            "es": "Aparcamiento",
            "ar": "موقف سيارات",
        },
    ),
    (
        "coach-parking",
        {
            "zh_hans": "大巴停车位",
            "en": "Coach parking",
            "ja": "大型バス駐車場",
            "ru": "Стоянка для автобусов",
            "fr": "Stationnement des autocars",
            "es": "Aparcamiento de autocares",
            "ar": "موقف حافلات",
        },
    ),
    (
        "wifi",
        {
            "zh_hans": "无线网络",
            "en": "Wi-Fi",
            "ja": "Wi-Fi",
            "ru": "Wi-Fi",
            "fr": "Wi-Fi",
            "es": "Wi-Fi",
            "ar": "واي فاي",
        },
    ),
    (
        "audio-guide",
        {
            "zh_hans": "语音导览",
            "en": "Audio guide",
            "ja": "音声ガイド",
            "ru": "Аудиогид",
            "fr": "Audioguide",
            "es": "Audioguía",
            "ar": "دليل صوتي",
        },
    ),
]

SERVICE_LANGUAGES = [
    (
        "zh",
        {
            "zh_hans": "中文",
            "en": "Chinese",
            "ja": "中国語",
            "ru": "Китайский",
            "fr": "Chinois",
            "es": "Chino",
            "ar": "الصينية",
        },
    ),
    (
        "en",
        {
            "zh_hans": "英语",
            "en": "English",
            "ja": "英語",
            "ru": "Английский",
            "fr": "Anglais",
            "es": "Inglés",
            "ar": "الإنجليزية",
        },
    ),
    (
        "ja",
        {
            "zh_hans": "日语",
            "en": "Japanese",
            "ja": "日本語",
            "ru": "Японский",
            "fr": "Japonais",
            "es": "Japonés",
            "ar": "اليابانية",
        },
    ),
    (
        "ru",
        {
            "zh_hans": "俄语",
            "en": "Russian",
            "ja": "ロシア語",
            "ru": "Русский",
            "fr": "Russe",
            "es": "Ruso",
            "ar": "الروسية",
        },
    ),
    (
        "fr",
        {
            "zh_hans": "法语",
            "en": "French",
            "ja": "フランス語",
            "ru": "Французский",
            "fr": "Français",
            "es": "Francés",
            "ar": "الفرنسية",
        },
    ),
    (
        "es",
        {
            "zh_hans": "西班牙语",
            "en": "Spanish",
            "ja": "スペイン語",
            "ru": "Испанский",
            "fr": "Espagnol",
            "es": "Español",
            "ar": "الإسبانية",
        },
    ),
    (
        "ar",
        {
            "zh_hans": "阿拉伯语",
            "en": "Arabic",
            "ja": "アラビア語",
            "ru": "Арабский",
            "fr": "Arabe",
            "es": "Árabe",
            "ar": "العربية",
        },
    ),
    (
        "de",
        {
            "zh_hans": "德语",
            "en": "German",
            "ja": "ドイツ語",
            "ru": "Немецкий",
            "fr": "Allemand",
            "es": "Alemán",
            "ar": "الألمانية",
        },
    ),
    (
        "ko",
        {
            "zh_hans": "韩语",
            "en": "Korean",
            "ja": "韓国語",
            "ru": "Корейский",
            "fr": "Coréen",
            "es": "Coreano",
            "ar": "الكورية",
        },
    ),
]
