"""The text of `make bench`'s partners, venues and events, in the portal's seven languages.

scripts/bench.py seeds its rows with these fields, so that pages and the search index
hold what a real site holds: names and summaries in Chinese, English, Japanese, Russian,
French, Spanish and Arabic (Latin, Cyrillic, Arabic and CJK scripts, and the stemmers
of the languages that have one). Row `n` always gets the same text.
"""

VENUE_NAME = {
    "zh_hans": "{place}{kind}",
    "en": "{place} {kind}",
    "ja": "{place}{kind}",
    "ru": "{kind} «{place}»",
    "fr": "{kind} de {place}",
    "es": "{kind} de {place}",
    "ar": "{kind} {place}",
}
# The languages of these texts, in the order of the tables' columns below: the keys of
# the first table (a new language of the portal is a new key of each, then a column).
LANGUAGES = tuple(VENUE_NAME)


def _table(*rows: tuple[str, ...]) -> list[dict[str, str]]:
    return [dict(zip(LANGUAGES, row, strict=True)) for row in rows]


# Partner cities: zh-hans, en, ja, ru, fr, es, ar.
CITIES = _table(
    ("里昂", "Lyon", "リヨン", "Лион", "Lyon", "Lyon", "ليون"),
    ("喀山", "Kazan", "カザン", "Казань", "Kazan", "Kazán", "قازان"),
    ("波尔图", "Porto", "ポルト", "Порту", "Porto", "Oporto", "بورتو"),
    ("蒙巴萨", "Mombasa", "モンバサ", "Момбаса", "Mombasa", "Mombasa", "مومباسا"),
    ("阿德莱德", "Adelaide", "アデレード", "Аделаида", "Adélaïde", "Adelaida", "أديلايد"),
    ("明斯克", "Minsk", "ミンスク", "Минск", "Minsk", "Minsk", "مينسك"),
    (
        "亚历山大",
        "Alexandria",
        "アレクサンドリア",
        "Александрия",
        "Alexandrie",
        "Alejandría",
        "الإسكندرية",
    ),
    ("大阪", "Osaka", "大阪", "Осака", "Osaka", "Osaka", "أوساكا"),
    ("库里蒂巴", "Curitiba", "クリチバ", "Куритиба", "Curitiba", "Curitiba", "كوريتيبا"),
    ("塞维利亚", "Seville", "セビリア", "Севилья", "Séville", "Sevilla", "إشبيلية"),
    ("波尔多", "Bordeaux", "ボルドー", "Бордо", "Bordeaux", "Burdeos", "بوردو"),
    (
        "新西伯利亚",
        "Novosibirsk",
        "ノヴォシビルスク",
        "Новосибирск",
        "Novossibirsk",
        "Novosibirsk",
        "نوفوسيبيرسك",
    ),
    ("京都", "Kyoto", "京都", "Киото", "Kyoto", "Kioto", "كيوتو"),
    ("马拉喀什", "Marrakesh", "マラケシュ", "Марракеш", "Marrakech", "Marrakech", "مراكش"),
    (
        "瓦尔帕莱索",
        "Valparaíso",
        "バルパライソ",
        "Вальпараисо",
        "Valparaíso",
        "Valparaíso",
        "فالبارايسو",
    ),
    ("罗萨里奥", "Rosario", "ロサリオ", "Росарио", "Rosario", "Rosario", "روساريو"),
    ("布列斯特", "Brest", "ブレスト", "Брест", "Brest", "Brest", "بريست"),
    ("珀斯", "Perth", "パース", "Перт", "Perth", "Perth", "بيرث"),
    ("内罗毕", "Nairobi", "ナイロビ", "Найроби", "Nairobi", "Nairobi", "نيروبي"),
    ("阿斯旺", "Aswan", "アスワン", "Асуан", "Assouan", "Asuán", "أسوان"),
    ("札幌", "Sapporo", "札幌", "Саппоро", "Sapporo", "Sapporo", "سابورو"),
    ("图卢兹", "Toulouse", "トゥールーズ", "Тулуза", "Toulouse", "Toulouse", "تولوز"),
    ("伊尔库茨克", "Irkutsk", "イルクーツク", "Иркутск", "Irkoutsk", "Irkutsk", "إيركوتسك"),
    ("科尔多瓦", "Córdoba", "コルドバ", "Кордова", "Cordoue", "Córdoba", "قرطبة"),
    ("波士顿", "Boston", "ボストン", "Бостон", "Boston", "Boston", "بوسطن"),
)

# What events are about.
THEMES = _table(
    (
        "书法工作坊",
        "Calligraphy workshop",
        "書道ワークショップ",
        "Мастер-класс каллиграфии",
        "Atelier de calligraphie",
        "Taller de caligrafía",
        "ورشة الخط",
    ),
    (
        "茶艺表演",
        "Tea ceremony",
        "茶道の実演",
        "Чайная церемония",
        "Cérémonie du thé",
        "Ceremonia del té",
        "حفل الشاي",
    ),
    (
        "京剧之夜",
        "Peking opera evening",
        "京劇の夕べ",
        "Вечер пекинской оперы",
        "Soirée d'opéra de Pékin",
        "Noche de ópera de Pekín",
        "أمسية أوبرا بكين",
    ),
    (
        "电影放映",
        "Film screening",
        "映画上映会",
        "Кинопоказ",
        "Projection de film",
        "Proyección de cine",
        "عرض سينمائي",
    ),
    (
        "青少年足球赛",
        "Youth football match",
        "ユースサッカー大会",
        "Молодёжный футбольный матч",
        "Match de football des jeunes",
        "Partido de fútbol juvenil",
        "مباراة كرة قدم للشباب",
    ),
    (
        "经贸论坛",
        "Trade forum",
        "経済貿易フォーラム",
        "Торгово-экономический форум",
        "Forum économique et commercial",
        "Foro económico y comercial",
        "منتدى الاقتصاد والتجارة",
    ),
    (
        "摄影展",
        "Photography exhibition",
        "写真展",
        "Фотовыставка",
        "Exposition de photographie",
        "Exposición de fotografía",
        "معرض التصوير الفوتوغرافي",
    ),
    (
        "室内乐音乐会",
        "Chamber music concert",
        "室内楽コンサート",
        "Концерт камерной музыки",
        "Concert de musique de chambre",
        "Concierto de música de cámara",
        "حفل موسيقى الحجرة",
    ),
    (
        "烹饪课",
        "Cooking class",
        "料理教室",
        "Кулинарный мастер-класс",
        "Cours de cuisine",
        "Clase de cocina",
        "درس الطبخ",
    ),
    (
        "灯会",
        "Lantern festival",
        "灯籠祭り",
        "Праздник фонарей",
        "Fête des lanternes",
        "Festival de los faroles",
        "مهرجان الفوانيس",
    ),
    (
        "风筝制作",
        "Kite making",
        "凧づくり",
        "Изготовление воздушных змеев",
        "Fabrication de cerfs-volants",
        "Taller de cometas",
        "صناعة الطائرات الورقية",
    ),
    (
        "语言交流之夜",
        "Language exchange evening",
        "言語交流の夕べ",
        "Вечер языкового обмена",
        "Soirée d'échange linguistique",
        "Noche de intercambio de idiomas",
        "أمسية تبادل اللغات",
    ),
)

# Neighbourhoods of Xicheng, for venue names.
PLACES = _table(
    ("什刹海", "Shichahai", "什刹海", "Шичахай", "Shichahai", "Shichahai", "شيتشاهاي"),
    ("白塔寺", "Baitasi", "白塔寺", "Байтасы", "Baitasi", "Baitasi", "بايتاسي"),
    ("西单", "Xidan", "西単", "Сидань", "Xidan", "Xidan", "شيدان"),
    ("大栅栏", "Dashilar", "大柵欄", "Дашилар", "Dashilar", "Dashilar", "داشيلار"),
    ("琉璃厂", "Liulichang", "瑠璃廠", "Люличан", "Liulichang", "Liulichang", "ليوليتشانغ"),
    ("后海", "Houhai", "后海", "Хоухай", "Houhai", "Houhai", "هوهاي"),
    ("德胜", "Desheng", "徳勝", "Дэшэн", "Desheng", "Desheng", "ديشنغ"),
    ("广安门", "Guanganmen", "広安門", "Гуаньаньмэнь", "Guanganmen", "Guanganmen", "قوانغانمن"),
    ("陶然亭", "Taoranting", "陶然亭", "Таожаньтин", "Taoranting", "Taoranting", "تاورانتينغ"),
    ("牛街", "Niujie", "牛街", "Нюцзе", "Niujie", "Niujie", "نيوجيه"),
    ("月坛", "Yuetan", "月壇", "Юэтань", "Yuetan", "Yuetan", "يويتان"),
    ("展览路", "Zhanlan Road", "展覧路", "Чжаньлань", "Zhanlan", "Zhanlan", "تشانلان"),
    ("史家胡同", "Shijia Hutong", "史家胡同", "Шицзя", "Shijia", "Shijia", "شيجيا"),
    ("白云观", "Baiyunguan", "白雲観", "Байюньгуань", "Baiyunguan", "Baiyunguan", "بايونقوان"),
    ("新街口", "Xinjiekou", "新街口", "Синьцзекоу", "Xinjiekou", "Xinjiekou", "شينجيكو"),
    ("阜成门", "Fuchengmen", "阜成門", "Фучэнмэнь", "Fuchengmen", "Fuchengmen", "فوتشنغمن"),
    ("西直门", "Xizhimen", "西直門", "Сичжимэнь", "Xizhimen", "Xizhimen", "شيجيمن"),
    ("天桥", "Tianqiao", "天橋", "Тяньцяо", "Tianqiao", "Tianqiao", "تيانتشياو"),
    ("金融街", "Financial Street", "金融街", "Цзиньжун", "Jinrong", "Jinrong", "جينرونغ"),
    ("前门", "Qianmen", "前門", "Цяньмэнь", "Qianmen", "Qianmen", "تشيانمن"),
)

# Venue.Kind, as a venue's name says it.
KINDS = {
    kind: dict(zip(LANGUAGES, row, strict=True))
    for kind, row in {
        "museum": ("博物馆", "Museum", "博物館", "Музей", "Musée", "Museo", "متحف"),
        "theatre": ("剧院", "Theatre", "劇場", "Театр", "Théâtre", "Teatro", "مسرح"),
        "historic": (
            "古迹",
            "Historic Site",
            "史跡",
            "Исторический памятник",
            "Site historique",
            "Sitio histórico",
            "موقع تاريخي",
        ),
        "courtyard": ("四合院", "Courtyard", "四合院", "Двор", "Cour", "Patio", "فناء"),
        "conference": (
            "会议中心",
            "Conference Centre",
            "会議センター",
            "Конференц-центр",
            "Centre de conférences",
            "Centro de conferencias",
            "مركز المؤتمرات",
        ),
        "business": (
            "商务中心",
            "Business Centre",
            "ビジネスセンター",
            "Бизнес-центр",
            "Centre d'affaires",
            "Centro de negocios",
            "مركز الأعمال",
        ),
        "science": (
            "科技园",
            "Science Park",
            "サイエンスパーク",
            "Технопарк",
            "Parc scientifique",
            "Parque científico",
            "حديقة العلوم",
        ),
        "school": ("学校", "School", "学校", "Школа", "École", "Escuela", "مدرسة"),
        "hospital": (
            "国际医疗部",
            "International Clinic",
            "国際診療部",
            "Международная клиника",
            "Clinique internationale",
            "Clínica internacional",
            "العيادة الدولية",
        ),
        "other": (
            "文化空间",
            "Cultural Space",
            "文化スペース",
            "Культурное пространство",
            "Espace culturel",
            "Espacio cultural",
            "فضاء ثقافي",
        ),
    }.items()
}

VENUE_SUMMARY = {
    "zh_hans": "{name}位于西城区，向游客和代表团开放。",
    "en": "{name} in Xicheng District, open to visitors and delegations.",
    "ja": "{name}は西城区にあり、一般の来館者と代表団を受け入れています。",
    "ru": "{name} в районе Сичэн открыт для посетителей и делегаций.",
    "fr": "{name}, dans le district de Xicheng, accueille visiteurs et délégations.",
    "es": "{name}, en el distrito de Xicheng, abierto a visitantes y delegaciones.",
    "ar": "{name} في حي شيتشنغ، مفتوح للزوار والوفود.",
}
EVENT_SUMMARY = {
    "zh_hans": "{theme}，邀请友好城市{city}的嘉宾参加。免费入场，需提前报名。",
    "en": "{theme} with guests from {city}, partner city of Xicheng. Free entry; "
    "registration required.",
    "ja": "友好都市{city}からのゲストを迎えた{theme}。入場無料、事前登録が必要です。",
    "ru": "{theme} с гостями из города-партнёра {city}. Вход свободный, нужна регистрация.",
    "fr": "{theme} avec des invités de {city}, ville partenaire de Xicheng. "
    "Entrée libre sur inscription.",
    "es": "{theme} con invitados de {city}, ciudad hermana de Xicheng. "
    "Entrada libre con inscripción previa.",
    "ar": "{theme} بمشاركة ضيوف من مدينة {city} الشريكة لشيتشنغ. الدخول مجاني مع التسجيل المسبق.",
}
PARTNER_SUMMARY = {
    "zh_hans": "{city}，自{year}年起与西城区结为友好城市。",
    "en": "{city}, a partner city of Xicheng District since {year}.",
    "ja": "{city}は{year}年から西城区の友好都市です。",
    "ru": "{city} — город-партнёр района Сичэн с {year} года.",
    "fr": "{city}, ville partenaire du district de Xicheng depuis {year}.",
    "es": "{city}, ciudad hermana del distrito de Xicheng desde {year}.",
    "ar": "{city}، مدينة شريكة لحي شيتشنغ منذ عام {year}.",
}
ROUTE_TITLE = dict(
    zip(
        LANGUAGES,
        (
            "胡同漫步",
            "Hutong walk",
            "胡同散歩",
            "Прогулка по хутунам",
            "Balade dans les hutong",
            "Paseo por los hutongs",
            "جولة في الهوتونغ",
        ),
        strict=True,
    )
)


def _fields(name: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{language}": values[language] for language in LANGUAGES}


def partner_city(n: int) -> dict[str, str]:
    """The city of partner `n` (four partners share each name, told apart by a number)."""
    city = CITIES[n % len(CITIES)]
    suffix = f" {n // len(CITIES) + 1}" if n >= len(CITIES) else ""
    return {language: name + suffix for language, name in city.items()}


def partner_fields(n: int, *, year: int) -> dict[str, str]:
    city = partner_city(n)
    summary = {lang: PARTNER_SUMMARY[lang].format(city=city[lang], year=year) for lang in LANGUAGES}
    return {**_fields("name", city), **_fields("summary", summary)}


def venue_fields(n: int, *, kind: str) -> dict[str, str]:
    place = PLACES[(n // len(KINDS)) % len(PLACES)]
    name = {
        lang: VENUE_NAME[lang].format(place=place[lang], kind=KINDS[kind][lang])
        for lang in LANGUAGES
    }
    summary = {lang: VENUE_SUMMARY[lang].format(name=name[lang]) for lang in LANGUAGES}
    return {**_fields("name", name), **_fields("summary", summary)}


def event_fields(n: int) -> dict[str, str]:
    theme = THEMES[n % len(THEMES)]
    city = CITIES[n % len(CITIES)]
    title = {lang: f"{theme[lang]} · {city[lang]}" for lang in LANGUAGES}
    summary = {
        lang: EVENT_SUMMARY[lang].format(theme=theme[lang], city=city[lang]) for lang in LANGUAGES
    }
    return {**_fields("title", title), **_fields("summary", summary)}


def route_fields() -> dict[str, str]:
    return _fields("title", ROUTE_TITLE)
