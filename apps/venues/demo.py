"""Demo venues and the thematic museum route, in seven languages.

The article says: the district developed venues for foreign-related activities such as
Haiqing Yuan, taking the urban renewal, the conservation of the Central Axis and the
building of the "City of Museums" as an opportunity; it refined foreign-related reception
resources in culture and tourism, business, science and technology, and education for the
pool of places foreign visitors can see; it launched a tourism route of thematic museums;
it hosts the Financial Street Forum and holds the Foreign Language Performance of the
Financial Street; it improved international education services and strengthened the
international departments of medical facilities.

It does not give Haiqing Yuan's address or Chinese characters, the stops of the museum
route, or any individual school or hospital. So:

- Haiqing Yuan keeps the name as the article writes it, has no address or coordinates (it
  is listed but stays off the map), and everything about it beyond its name and role is
  sample data.
- The museums are real and widely documented Xicheng museums with their public street
  addresses; their coordinates are approximate, and their opening hours, facilities,
  languages of visits and booking lead times are sample data.
- Beijing Financial Street and the Desheng science and technology park are real places;
  how a delegation visits them is sample data.
- The international school and the hospital international department are invented
  entries, marked "(sample)" in their names in every language.
- The route's selection of stops, their order and the suggested times are sample data.
"""

from decimal import Decimal
from functools import partial

from apps.core.demo_loading import DemoLoad
from apps.core.i18n import field_suffixes
from apps.core.models import PublishingStatus

from . import lookups
from .models import Facility, ResourceCategory, Route, RouteStop, ServiceLanguage, Venue

TRANSLATED = (
    "name",
    "address",
    "summary",
    "opening_hours",
    "accessibility",
    "visit_information",
    "body",
    "sample_note",
)

# --- Texts several venues share -------------------------------------------------------

MUSEUM_HOURS = {
    "zh_hans": "示例：一般周二至周日开放，周一闭馆（法定节假日除外），参观需提前预约。"
    "请以官方公告为准。",
    "en": "Sample: usually open Tuesday to Sunday and closed on Mondays (except public "
    "holidays); visits must be booked in advance. Check the official notices.",
    "ja": "サンプル：通常は火曜日から日曜日まで開館し、月曜日は休館（祝日を除く）。"
    "見学は事前予約制です。公式のお知らせをご確認ください。",
    "ru": "Пример: обычно открыт со вторника по воскресенье, в понедельник выходной (кроме "
    "праздников); посещение по предварительной записи. Уточняйте в официальных объявлениях.",
    "fr": "Exemple : généralement ouvert du mardi au dimanche, fermé le lundi (sauf jours "
    "fériés) ; visite sur réservation. Consultez les annonces officielles.",
    "es": "Ejemplo: normalmente abre de martes a domingo y cierra los lunes (salvo "
    "festivos); la visita requiere reserva previa. Consulte los avisos oficiales.",
    "ar": "مثال: يفتح عادةً من الثلاثاء إلى الأحد ويُغلق يوم الاثنين (باستثناء العطلات "
    "الرسمية)، والزيارة بحجز مسبق. يُرجى مراجعة الإعلانات الرسمية.",
}

BY_ARRANGEMENT = {
    "zh_hans": "示例：按预约的团组活动安排开放，不设固定开放时间。",
    "en": "Sample: open for booked delegation activities only; no fixed opening hours.",
    "ja": "サンプル：予約された団体の活動に合わせて利用でき、決まった開館時間はありません。",
    "ru": "Пример: открыто только для заранее согласованных мероприятий делегаций; "
    "постоянных часов работы нет.",
    "fr": "Exemple : ouvert uniquement pour les activités de délégations réservées ; pas "
    "d'horaires fixes.",
    "es": "Ejemplo: abierto solo para actividades de delegaciones reservadas; sin horario fijo.",
    "ar": "مثال: يُفتح للأنشطة المحجوزة للوفود فقط، ولا توجد مواعيد فتح ثابتة.",
}

WORKING_DAYS = {
    "zh_hans": "示例：工作日接待预约团组，具体时间在预约时商定。",
    "en": "Sample: booked delegations are received on working days, at a time agreed when booking.",
    "ja": "サンプル：予約団体は平日に受け入れ、時間は予約時に調整します。",
    "ru": "Пример: делегации принимают по будним дням, время согласуется при бронировании.",
    "fr": "Exemple : les délégations sont reçues les jours ouvrables, à une heure convenue "
    "lors de la réservation.",
    "es": "Ejemplo: las delegaciones se reciben en días laborables, a la hora acordada al "
    "reservar.",
    "ar": "مثال: تُستقبل الوفود المحجوزة في أيام العمل، في موعد يُتفق عليه عند الحجز.",
}

HISTORIC_ACCESS = {
    "zh_hans": "历史建筑，门槛和台阶较多，无障碍通行有限；如需协助请在预约时说明（示例）。",
    "en": "Historic buildings with thresholds and steps; step-free access is limited. "
    "Mention any assistance needed when booking (sample).",
    "ja": "歴史的建造物で敷居や段差が多く、段差のない移動は限られます。"
    "介助が必要な場合は予約時にお知らせください（サンプル）。",
    "ru": "Исторические здания с порогами и ступенями; доступ без ступенек ограничен. "
    "Сообщите о необходимой помощи при бронировании (пример).",
    "fr": "Bâtiments historiques avec seuils et marches ; l'accès de plain-pied est "
    "limité. Signalez toute aide nécessaire lors de la réservation (exemple).",
    "es": "Edificios históricos con umbrales y escalones; el acceso sin escalones es "
    "limitado. Indique al reservar si necesita asistencia (ejemplo).",
    "ar": "مبانٍ تاريخية فيها عتبات ودرجات، والدخول بلا درج محدود. يُرجى ذكر أي مساعدة "
    "مطلوبة عند الحجز (مثال).",
}

MODERN_ACCESS = {
    "zh_hans": "现代建筑，设有无障碍入口、电梯和无障碍卫生间（示例，请在预约时确认）。",
    "en": "Modern building with step-free entrances, lifts and accessible toilets (sample; "
    "confirm when booking).",
    "ja": "近代的な建物で、段差のない入口、エレベーター、多目的トイレがあります"
    "（サンプル。予約時にご確認ください）。",
    "ru": "Современное здание со входами без ступенек, лифтами и туалетами для людей с "
    "инвалидностью (пример; уточняйте при бронировании).",
    "fr": "Bâtiment moderne avec entrées de plain-pied, ascenseurs et toilettes accessibles "
    "(exemple ; à confirmer lors de la réservation).",
    "es": "Edificio moderno con entradas sin escalones, ascensores y aseos accesibles "
    "(ejemplo; confírmelo al reservar).",
    "ar": "مبنى حديث بمداخل بلا درج ومصاعد ودورات مياه مهيأة (مثال؛ يُرجى التأكد عند الحجز).",
}

UNKNOWN_ACCESS = {
    "zh_hans": "无障碍条件待确认，请在预约时说明需求（示例）。",
    "en": "Accessibility to be confirmed; state any needs when booking (sample).",
    "ja": "バリアフリー状況は確認中です。必要な配慮は予約時にお知らせください（サンプル）。",
    "ru": "Доступность уточняется; сообщите о своих потребностях при бронировании (пример).",
    "fr": "Accessibilité à confirmer ; indiquez vos besoins lors de la réservation (exemple).",
    "es": "Accesibilidad por confirmar; indique sus necesidades al reservar (ejemplo).",
    "ar": "إمكانية الوصول قيد التأكيد؛ يُرجى ذكر الاحتياجات عند الحجز (مثال).",
}

MUSEUM_NOTE = {
    "zh_hans": "坐标为大致位置；开放时间、设施、服务语种和预约提前天数为示例数据，"
    "请以场馆官方信息为准。",
    "en": "Coordinates are approximate; opening hours, facilities, languages of visits and "
    "booking lead time are sample data. Check the venue's official information.",
    "ja": "座標はおおよその位置です。開館時間、設備、対応言語、予約の必要日数は"
    "サンプルデータです。公式情報をご確認ください。",
    "ru": "Координаты приблизительные; часы работы, удобства, языки экскурсий и срок "
    "бронирования — демонстрационные данные. Уточняйте в официальных источниках.",
    "fr": "Coordonnées approximatives ; horaires, équipements, langues des visites et délai "
    "de réservation sont des données d'exemple. Vérifiez les informations officielles.",
    "es": "Coordenadas aproximadas; horario, instalaciones, idiomas de las visitas y "
    "antelación de reserva son datos de ejemplo. Consulte la información oficial.",
    "ar": "الإحداثيات تقريبية؛ ومواعيد الفتح والمرافق ولغات الزيارات ومدة الحجز المسبق "
    "بيانات تجريبية. يُرجى الرجوع إلى المعلومات الرسمية.",
}

# --- Venues ---------------------------------------------------------------------------

HAIQING_YUAN = {
    "slug": "haiqing-yuan",
    "kind": Venue.Kind.COURTYARD,
    "categories": ["culture-tourism", "business"],
    "facilities": ["meeting-rooms"],
    "languages": ["zh", "en"],
    "coordinates": None,
    "open_to_delegations": True,
    "booking_lead_days": 14,
    # The article writes the name only in Latin letters; the characters are unconfirmed.
    "name": {
        "zh_hans": "Haiqing Yuan",
        "en": "Haiqing Yuan",
        "ja": "Haiqing Yuan（ハイチンユエン）",
        "ru": "Хайцин Юань",
        "fr": "Haiqing Yuan",
        "es": "Haiqing Yuan",
        "ar": "هايتشينغ يوان",
    },
    "address": {
        "zh_hans": "北京市西城区（具体地址待确认）",
        "en": "Xicheng District, Beijing (exact address to be confirmed)",
        "ja": "北京市西城区（詳しい所在地は確認中）",
        "ru": "Пекин, район Сичэн (точный адрес уточняется)",
        "fr": "District de Xicheng, Pékin (adresse exacte à confirmer)",
        "es": "Distrito de Xicheng, Pekín (dirección exacta por confirmar)",
        "ar": "منطقة شيتشنغ، بكين (العنوان الدقيق قيد التأكيد)",
    },
    "summary": {
        "zh_hans": "西城区借城市更新、中轴线保护和“博物馆之城”建设之机打造的外事活动场所之一。",
        "en": "One of the venues for foreign-related activities that Xicheng District "
        "developed through urban renewal, the conservation of the Central Axis and the "
        "building of the City of Museums.",
        "ja": "西城区が都市更新、中軸線の保護、「博物館の都」づくりを機に整備した"
        "渉外活動の会場の一つです。",
        "ru": "Одна из площадок для международных мероприятий, созданных районом Сичэн "
        "в ходе обновления города, охраны Центральной оси и строительства «Города музеев».",
        "fr": "L'un des lieux d'activités internationales aménagés par le district de "
        "Xicheng à la faveur de la rénovation urbaine, de la préservation de l'Axe central "
        "et de la construction de la « Cité des musées ».",
        "es": "Uno de los espacios para actividades internacionales que el distrito de "
        "Xicheng creó con la renovación urbana, la conservación del Eje Central y la "
        "construcción de la «Ciudad de los Museos».",
        "ar": "أحد الأماكن التي طوّرتها منطقة شيتشنغ للأنشطة الخارجية، مستفيدةً من التجديد "
        "الحضري وصون المحور المركزي وبناء «مدينة المتاحف».",
    },
    "opening_hours": BY_ARRANGEMENT,
    "accessibility": UNKNOWN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：可承办会见、座谈和小型文化交流活动。请至少提前14天向区外办提出申请。",
        "en": "Sample: suited to meetings, talks and small cultural exchanges. Apply to the "
        "district Foreign Affairs Office at least 14 days ahead.",
        "ja": "サンプル：会見、座談会、小規模な文化交流に利用できます。"
        "少なくとも14日前までに区外事弁公室へ申請してください。",
        "ru": "Пример: подходит для встреч, бесед и небольших культурных обменов. Подайте "
        "заявку в канцелярию по иностранным делам района не позднее чем за 14 дней.",
        "fr": "Exemple : adapté aux rencontres, entretiens et petits échanges culturels. "
        "Adressez votre demande au bureau des affaires étrangères du district au moins "
        "14 jours à l'avance.",
        "es": "Ejemplo: apto para reuniones, coloquios y pequeños intercambios culturales. "
        "Solicítelo a la Oficina de Asuntos Exteriores del distrito con al menos 14 días "
        "de antelación.",
        "ar": "مثال: مناسب للقاءات والندوات والتبادلات الثقافية الصغيرة. يُقدَّم الطلب إلى "
        "مكتب الشؤون الخارجية في المنطقة قبل 14 يومًا على الأقل.",
    },
    "sample_note": {
        "zh_hans": "来源文章仅提及Haiqing Yuan是西城区打造的外事活动场所之一；其中文名称待确认，"
        "地址、开放安排、设施等其余信息均为示例数据。",
        "en": "The source article names Haiqing Yuan only as a venue for foreign-related "
        "activities developed by the district; its Chinese name is to be confirmed and all "
        "other details (address, hours, facilities) are sample data.",
        "ja": "出典記事はHaiqing Yuanを区が整備した渉外活動の会場として挙げるのみです。"
        "中国語表記は確認中で、所在地・利用時間・設備などその他の情報はサンプルデータです。",
        "ru": "Статья-источник лишь называет Haiqing Yuan площадкой для международных "
        "мероприятий района; китайское написание уточняется, остальное (адрес, часы, "
        "удобства) — демонстрационные данные.",
        "fr": "L'article source cite seulement Haiqing Yuan comme lieu d'activités "
        "internationales du district ; son nom chinois reste à confirmer et les autres "
        "détails (adresse, horaires, équipements) sont des données d'exemple.",
        "es": "El artículo de origen solo menciona Haiqing Yuan como espacio para "
        "actividades internacionales del distrito; su nombre en chino está por confirmar y "
        "los demás datos (dirección, horario, instalaciones) son de ejemplo.",
        "ar": "لا يذكر المقال المصدر هايتشينغ يوان إلا مكانًا للأنشطة الخارجية طوّرته "
        "المنطقة؛ واسمه الصيني قيد التأكيد، وسائر التفاصيل (العنوان والمواعيد والمرافق) "
        "بيانات تجريبية.",
    },
}

ANCIENT_ARCHITECTURE = {
    "slug": "beijing-ancient-architecture-museum",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism", "education"],
    "facilities": ["coach-parking"],
    "languages": ["zh", "en"],
    "coordinates": ("39.87380", "116.39160"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "北京古代建筑博物馆",
        "en": "Beijing Ancient Architecture Museum",
        "ja": "北京古代建築博物館",
        "ru": "Пекинский музей древней архитектуры",
        "fr": "Musée de l'architecture ancienne de Pékin",
        "es": "Museo de Arquitectura Antigua de Pekín",
        "ar": "متحف بكين للعمارة القديمة",
    },
    "address": {
        "zh_hans": "北京市西城区东经路21号（先农坛内）",
        "en": "21 Dongjing Road, Xicheng District, Beijing (inside Xiannongtan)",
        "ja": "北京市西城区東経路21号（先農壇内）",
        "ru": "Пекин, район Сичэн, улица Дунцзин, 21 (на территории Сяньнунтаня)",
        "fr": "21, rue Dongjing, district de Xicheng, Pékin (dans l'enceinte du Xiannongtan)",
        "es": "Calle Dongjing 21, distrito de Xicheng, Pekín (dentro de Xiannongtan)",
        "ar": "21 طريق دونغجينغ، منطقة شيتشنغ، بكين (داخل شيان نونغ تان)",
    },
    "summary": {
        "zh_hans": "位于中轴线南段西侧的先农坛内，展示中国古代建筑的历史与营造技艺。"
        "先农坛是明清皇帝祭祀先农的场所。",
        "en": "A museum of traditional Chinese architecture in Xiannongtan, the altar where "
        "Ming and Qing emperors made offerings to the God of Agriculture, west of the "
        "southern section of the Central Axis.",
        "ja": "中軸線南部の西側、明清の皇帝が先農を祀った先農壇の中にあり、"
        "中国古代建築の歴史と技術を紹介しています。",
        "ru": "Музей традиционной китайской архитектуры на территории Сяньнунтаня — алтаря, "
        "где императоры династий Мин и Цин приносили жертвы богу земледелия, к западу от "
        "южной части Центральной оси.",
        "fr": "Musée de l'architecture chinoise traditionnelle installé dans le Xiannongtan, "
        "l'autel où les empereurs Ming et Qing honoraient le dieu de l'Agriculture, à "
        "l'ouest de la partie sud de l'Axe central.",
        "es": "Museo de arquitectura tradicional china situado en Xiannongtan, el altar donde "
        "los emperadores Ming y Qing rendían culto al dios de la Agricultura, al oeste del "
        "tramo sur del Eje Central.",
        "ar": "متحف للعمارة الصينية التقليدية داخل شيان نونغ تان، المذبح الذي كان أباطرة "
        "أسرتي مينغ وتشينغ يقدّمون فيه القرابين لإله الزراعة، غرب القسم الجنوبي من "
        "المحور المركزي.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可参观古建筑群和展览，并预约讲解。请至少提前7天预约。",
        "en": "Sample: groups can tour the historic halls and exhibitions with a booked "
        "guide. Book at least 7 days ahead.",
        "ja": "サンプル：団体は古建築群と展示をガイド付きで見学できます。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы могут осмотреть исторические залы и выставки с экскурсоводом. "
        "Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes visitent les salles anciennes et les expositions avec un "
        "guide réservé. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos recorren los pabellones históricos y las exposiciones con "
        "guía reservado. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات زيارة القاعات التاريخية والمعارض مع مرشد محجوز. "
        "يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

NUMISMATIC = {
    "slug": "china-numismatic-museum",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism", "business"],
    "facilities": ["step-free", "audio-guide"],
    "languages": ["zh", "en"],
    "coordinates": ("39.90220", "116.39170"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "中国钱币博物馆",
        "en": "China Numismatic Museum",
        "ja": "中国銭幣博物館",
        "ru": "Нумизматический музей Китая",
        "fr": "Musée numismatique de Chine",
        "es": "Museo Numismático de China",
        "ar": "متحف العملات الصيني",
    },
    "address": {
        "zh_hans": "北京市西城区西交民巷17号",
        "en": "17 Xijiaomin Lane, Xicheng District, Beijing",
        "ja": "北京市西城区西交民巷17号",
        "ru": "Пекин, район Сичэн, переулок Сицзяоминь, 17",
        "fr": "17, ruelle Xijiaomin, district de Xicheng, Pékin",
        "es": "Callejón Xijiaomin 17, distrito de Xicheng, Pekín",
        "ar": "17 زقاق شيجياومين، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "中国人民银行主管的钱币博物馆，位于天安门广场西侧的历史银行建筑内，"
        "展示中国货币的历史。",
        "en": "The People's Bank of China's museum of the history of Chinese money, in a "
        "historic bank building on Xijiaomin Lane, just west of Tiananmen Square.",
        "ja": "中国人民銀行が所管する貨幣の博物館。天安門広場の西側、西交民巷の歴史的な"
        "銀行建築の中で中国の貨幣の歴史を紹介しています。",
        "ru": "Музей истории китайских денег при Народном банке Китая в историческом здании "
        "банка в переулке Сицзяоминь, к западу от площади Тяньаньмэнь.",
        "fr": "Le musée de l'histoire de la monnaie chinoise de la Banque populaire de Chine, "
        "dans un bâtiment bancaire historique de la ruelle Xijiaomin, à l'ouest de la place "
        "Tian'anmen.",
        "es": "El museo de la historia de la moneda china del Banco Popular de China, en un "
        "edificio bancario histórico del callejón Xijiaomin, al oeste de la plaza de "
        "Tiananmén.",
        "ar": "متحف بنك الشعب الصيني لتاريخ العملة الصينية، في مبنى مصرفي تاريخي بزقاق "
        "شيجياومين غرب ساحة تيانانمن.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可参观钱币展览，并可预约专题讲解。请至少提前7天预约。",
        "en": "Sample: groups can visit the exhibitions of coins and banknotes and book a "
        "themed guided tour. Book at least 7 days ahead.",
        "ja": "サンプル：団体は貨幣の展示を見学し、テーマ別の解説を予約できます。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы могут осмотреть выставки монет и банкнот и заказать "
        "тематическую экскурсию. Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes visitent les expositions de pièces et de billets et "
        "peuvent réserver une visite thématique. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos visitan las exposiciones de monedas y billetes y pueden "
        "reservar una visita temática. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات زيارة معارض العملات المعدنية والورقية وحجز جولة "
        "مواضيعية. يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

MEI_LANFANG = {
    "slug": "mei-lanfang-memorial-hall",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism"],
    "facilities": [],
    "languages": ["zh", "en"],
    "coordinates": ("39.93870", "116.37790"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "梅兰芳纪念馆",
        "en": "Mei Lanfang Memorial Hall",
        "ja": "梅蘭芳記念館",
        "ru": "Мемориальный музей Мэй Ланьфана",
        "fr": "Mémorial Mei Lanfang",
        "es": "Casa Museo Mei Lanfang",
        "ar": "قاعة مي لانفانغ التذكارية",
    },
    "address": {
        "zh_hans": "北京市西城区护国寺街9号",
        "en": "9 Huguosi Street, Xicheng District, Beijing",
        "ja": "北京市西城区護国寺街9号",
        "ru": "Пекин, район Сичэн, улица Хугосы, 9",
        "fr": "9, rue Huguosi, district de Xicheng, Pékin",
        "es": "Calle Huguosi 9, distrito de Xicheng, Pekín",
        "ar": "9 شارع هوغوسي، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "京剧大师梅兰芳晚年居住的四合院，现为纪念馆，邻近什刹海。",
        "en": "The courtyard house where the Peking Opera master Mei Lanfang lived in his "
        "later years, now a memorial hall near Shichahai.",
        "ja": "京劇の巨匠・梅蘭芳が晩年を過ごした四合院で、現在は記念館。什刹海の近くにあります。",
        "ru": "Дом с внутренним двором, где в последние годы жизни жил мастер пекинской оперы "
        "Мэй Ланьфан; ныне мемориальный музей рядом с Шичахаем.",
        "fr": "La maison à cour où le maître de l'opéra de Pékin Mei Lanfang vécut ses "
        "dernières années, aujourd'hui mémorial, près de Shichahai.",
        "es": "La casa de patio donde el maestro de la ópera de Pekín Mei Lanfang vivió sus "
        "últimos años, hoy casa museo cerca de Shichahai.",
        "ar": "البيت ذو الفناء الذي عاش فيه أستاذ أوبرا بكين مي لانفانغ في سنواته الأخيرة، "
        "وهو اليوم قاعة تذكارية قرب شيتشاهاي.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可参观故居陈列，了解京剧艺术。请至少提前7天预约。",
        "en": "Sample: groups can visit the rooms and exhibits and learn about Peking Opera. "
        "Book at least 7 days ahead.",
        "ja": "サンプル：団体は旧居の展示を見学し、京劇について学べます。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы осматривают комнаты и экспозицию и знакомятся с пекинской "
        "оперой. Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes visitent les pièces et l'exposition et découvrent "
        "l'opéra de Pékin. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos visitan las estancias y la exposición y conocen la ópera "
        "de Pekín. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات زيارة الغرف والمعروضات والتعرّف على أوبرا بكين. "
        "يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

GUO_MORUO = {
    "slug": "guo-moruo-memorial-hall",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism"],
    "facilities": [],
    "languages": ["zh", "en"],
    "coordinates": ("39.93920", "116.38330"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "郭沫若纪念馆",
        "en": "Guo Moruo Memorial Hall",
        "ja": "郭沫若記念館",
        "ru": "Мемориальный музей Го Можо",
        "fr": "Mémorial Guo Moruo",
        "es": "Casa Museo Guo Moruo",
        "ar": "قاعة قوه موروه التذكارية",
    },
    "address": {
        "zh_hans": "北京市西城区前海西街18号",
        "en": "18 Qianhai West Street, Xicheng District, Beijing",
        "ja": "北京市西城区前海西街18号",
        "ru": "Пекин, район Сичэн, улица Цяньхай-Сицзе, 18",
        "fr": "18, rue Qianhai Ouest, district de Xicheng, Pékin",
        "es": "Calle Qianhai Oeste 18, distrito de Xicheng, Pekín",
        "ar": "18 شارع تشيانهاي الغربي، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "文学家、历史学家郭沫若晚年居住的四合院，现为纪念馆，位于什刹海畔。",
        "en": "The courtyard residence by Shichahai where the writer and historian Guo Moruo "
        "lived in his later years, now a memorial hall.",
        "ja": "文学者・歴史学者の郭沫若が晩年を過ごした什刹海のほとりの四合院で、"
        "現在は記念館です。",
        "ru": "Усадьба с внутренним двором у Шичахая, где в последние годы жизни жил писатель "
        "и историк Го Можо; ныне мемориальный музей.",
        "fr": "La résidence à cour, au bord de Shichahai, où l'écrivain et historien Guo "
        "Moruo vécut ses dernières années, aujourd'hui mémorial.",
        "es": "La residencia de patio junto a Shichahai donde el escritor e historiador Guo "
        "Moruo vivió sus últimos años, hoy casa museo.",
        "ar": "المسكن ذو الفناء قرب شيتشاهاي الذي عاش فيه الأديب والمؤرخ قوه موروه في سنواته "
        "الأخيرة، وهو اليوم قاعة تذكارية.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可参观故居和生平展览。请至少提前7天预约。",
        "en": "Sample: groups can visit the residence and the exhibition on his life. Book "
        "at least 7 days ahead.",
        "ja": "サンプル：団体は旧居と生涯の展示を見学できます。7日前までにご予約ください。",
        "ru": "Пример: группы осматривают дом и выставку о его жизни. Бронируйте не позднее "
        "чем за 7 дней.",
        "fr": "Exemple : les groupes visitent la résidence et l'exposition sur sa vie. "
        "Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos visitan la residencia y la exposición sobre su vida. "
        "Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات زيارة المسكن والمعرض الخاص بسيرته. يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

PRINCE_GONG = {
    "slug": "prince-gongs-mansion",
    "kind": Venue.Kind.HISTORIC_SITE,
    "categories": ["culture-tourism"],
    "facilities": ["audio-guide", "coach-parking"],
    "languages": ["zh", "en"],
    "coordinates": ("39.93680", "116.38620"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "恭王府",
        "en": "Prince Gong's Mansion",
        "ja": "恭王府",
        "ru": "Усадьба князя Гуна",
        "fr": "Résidence du prince Gong",
        "es": "Mansión del Príncipe Gong",
        "ar": "قصر الأمير قونغ",
    },
    "address": {
        "zh_hans": "北京市西城区前海西街17号",
        "en": "17 Qianhai West Street, Xicheng District, Beijing",
        "ja": "北京市西城区前海西街17号",
        "ru": "Пекин, район Сичэн, улица Цяньхай-Сицзе, 17",
        "fr": "17, rue Qianhai Ouest, district de Xicheng, Pékin",
        "es": "Calle Qianhai Oeste 17, distrito de Xicheng, Pekín",
        "ar": "17 شارع تشيانهاي الغربي، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "保存最完整的清代王府之一，府邸与花园毗邻什刹海，现作为博物馆开放。",
        "en": "One of the best-preserved princely mansions of the Qing dynasty, with its "
        "garden, beside Shichahai; today it is open as a museum.",
        "ja": "最もよく保存された清代の王府の一つで、邸宅と庭園が什刹海のそばにあり、"
        "現在は博物館として公開されています。",
        "ru": "Одна из наиболее сохранившихся княжеских усадеб эпохи Цин с садом, рядом "
        "с Шичахаем; сегодня открыта как музей.",
        "fr": "L'une des résidences princières de la dynastie Qing les mieux conservées, avec "
        "son jardin, près de Shichahai ; elle est aujourd'hui ouverte comme musée.",
        "es": "Una de las mansiones principescas de la dinastía Qing mejor conservadas, con "
        "su jardín, junto a Shichahai; hoy abre como museo.",
        "ar": "من أفضل قصور الأمراء المحفوظة من عهد أسرة تشينغ، مع حديقته، بجوار شيتشاهاي؛ "
        "وهو مفتوح اليوم بوصفه متحفًا.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可游览府邸和花园，并预约外语讲解。请至少提前7天预约。",
        "en": "Sample: groups can tour the mansion and the garden with a booked guide in a "
        "foreign language. Book at least 7 days ahead.",
        "ja": "サンプル：団体は邸宅と庭園を外国語ガイド付きで見学できます。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы осматривают усадьбу и сад с экскурсоводом на иностранном "
        "языке. Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes visitent la résidence et le jardin avec un guide en "
        "langue étrangère réservé. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos recorren la mansión y el jardín con un guía en lengua "
        "extranjera reservado. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات التجوّل في القصر والحديقة مع مرشد محجوز بلغة أجنبية. "
        "يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

LU_XUN = {
    "slug": "lu-xun-museum",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism", "education"],
    "facilities": [],
    "languages": ["zh", "en"],
    "coordinates": ("39.92550", "116.35970"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "北京鲁迅博物馆",
        "en": "Beijing Lu Xun Museum",
        "ja": "北京魯迅博物館",
        "ru": "Пекинский музей Лу Синя",
        "fr": "Musée Lu Xun de Pékin",
        "es": "Museo Lu Xun de Pekín",
        "ar": "متحف لو شيون في بكين",
    },
    "address": {
        "zh_hans": "北京市西城区阜成门内宫门口二条19号",
        "en": "19 Gongmenkou Ertiao, Fuchengmennei, Xicheng District, Beijing",
        "ja": "北京市西城区阜成門内宮門口二条19号",
        "ru": "Пекин, район Сичэн, Фучэнмэньнэй, переулок Гунмэнькоу-Эртяо, 19",
        "fr": "19, ruelle Gongmenkou Ertiao, Fuchengmennei, district de Xicheng, Pékin",
        "es": "Callejón Gongmenkou Ertiao 19, Fuchengmennei, distrito de Xicheng, Pekín",
        "ar": "19 زقاق غونغمنكو إرتياو، فوتشنغمن، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "介绍作家鲁迅生平与作品的博物馆，毗邻他20世纪20年代居住过的小四合院，"
        "位于阜成门附近。",
        "en": "A museum of the writer Lu Xun's life and work beside the small courtyard house "
        "where he lived in the 1920s, near Fuchengmen.",
        "ja": "作家・魯迅の生涯と作品を紹介する博物館で、1920年代に彼が暮らした小さな四合院に"
        "隣接し、阜成門の近くにあります。",
        "ru": "Музей жизни и творчества писателя Лу Синя рядом с небольшим домом с внутренним "
        "двором, где он жил в 1920-е годы, недалеко от Фучэнмэня.",
        "fr": "Un musée de la vie et de l'œuvre de l'écrivain Lu Xun, à côté de la petite "
        "maison à cour où il vécut dans les années 1920, près de Fuchengmen.",
        "es": "Un museo sobre la vida y la obra del escritor Lu Xun, junto a la pequeña casa "
        "de patio donde vivió en los años veinte, cerca de Fuchengmen.",
        "ar": "متحف لحياة الأديب لو شيون وأعماله، بجوار البيت الصغير ذي الفناء الذي سكنه في "
        "عشرينيات القرن العشرين، قرب فوتشنغمن.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": HISTORIC_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可参观故居和展览，适合文学与教育交流。请至少提前7天预约。",
        "en": "Sample: groups can visit the former residence and the exhibition; suited to "
        "literary and educational exchanges. Book at least 7 days ahead.",
        "ja": "サンプル：団体は旧居と展示を見学でき、文学・教育交流に適しています。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы осматривают дом-музей и выставку; подходит для литературных и "
        "образовательных обменов. Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes visitent l'ancienne résidence et l'exposition ; adapté "
        "aux échanges littéraires et éducatifs. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos visitan la antigua residencia y la exposición; apto para "
        "intercambios literarios y educativos. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات زيارة المسكن السابق والمعرض، وهو مناسب للتبادلات الأدبية "
        "والتعليمية. يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

CAPITAL_MUSEUM = {
    "slug": "capital-museum",
    "kind": Venue.Kind.MUSEUM,
    "categories": ["culture-tourism", "education"],
    "facilities": ["step-free", "accessible-toilet", "audio-guide", "parking", "coach-parking"],
    "languages": ["zh", "en"],
    "coordinates": ("39.90600", "116.34200"),
    "open_to_delegations": True,
    "booking_lead_days": 7,
    "name": {
        "zh_hans": "首都博物馆",
        "en": "Capital Museum",
        "ja": "首都博物館",
        "ru": "Столичный музей",
        "fr": "Musée de la Capitale",
        "es": "Museo de la Capital",
        "ar": "متحف العاصمة",
    },
    "address": {
        "zh_hans": "北京市西城区复兴门外大街16号",
        "en": "16 Fuxingmenwai Street, Xicheng District, Beijing",
        "ja": "北京市西城区復興門外大街16号",
        "ru": "Пекин, район Сичэн, улица Фусинмэньвай, 16",
        "fr": "16, rue Fuxingmenwai, district de Xicheng, Pékin",
        "es": "Calle Fuxingmenwai 16, distrito de Xicheng, Pekín",
        "ar": "16 شارع فوشينغمنواي، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "北京市大型综合性博物馆，展示北京的历史与文化，位于长安街西延长线复兴门外大街。",
        "en": "Beijing's large municipal museum of the city's history and culture, on "
        "Fuxingmenwai Street, the western extension of Chang'an Avenue.",
        "ja": "北京の歴史と文化を紹介する北京市の大型総合博物館で、長安街の西延長線にあたる"
        "復興門外大街にあります。",
        "ru": "Крупный городской музей истории и культуры Пекина на улице Фусинмэньвай — "
        "западном продолжении проспекта Чанъаньцзе.",
        "fr": "Le grand musée municipal de l'histoire et de la culture de Pékin, rue "
        "Fuxingmenwai, dans le prolongement ouest de l'avenue Chang'an.",
        "es": "El gran museo municipal de historia y cultura de Pekín, en la calle "
        "Fuxingmenwai, prolongación occidental de la avenida Chang'an.",
        "ar": "متحف بلدي كبير لتاريخ بكين وثقافتها، في شارع فوشينغمنواي، الامتداد الغربي "
        "لشارع تشانغآن.",
    },
    "opening_hours": MUSEUM_HOURS,
    "accessibility": MODERN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：团组可预约英语讲解，参观常设展览和专题展览。请至少提前7天预约。",
        "en": "Sample: groups can book a guided tour in English of the permanent and "
        "temporary exhibitions. Book at least 7 days ahead.",
        "ja": "サンプル：団体は常設展と特別展の英語ガイドツアーを予約できます。"
        "7日前までにご予約ください。",
        "ru": "Пример: группы могут заказать экскурсию на английском языке по постоянной и "
        "временным выставкам. Бронируйте не позднее чем за 7 дней.",
        "fr": "Exemple : les groupes peuvent réserver une visite guidée en anglais des "
        "expositions permanentes et temporaires. Réservez au moins 7 jours à l'avance.",
        "es": "Ejemplo: los grupos pueden reservar una visita guiada en inglés a las "
        "exposiciones permanentes y temporales. Reserve con al menos 7 días de antelación.",
        "ar": "مثال: يمكن للمجموعات حجز جولة بإرشاد باللغة الإنجليزية في المعارض الدائمة "
        "والمؤقتة. يُحجز قبل 7 أيام على الأقل.",
    },
    "sample_note": MUSEUM_NOTE,
}

FINANCIAL_STREET = {
    "slug": "beijing-financial-street",
    "kind": Venue.Kind.BUSINESS_CENTRE,
    "categories": ["business"],
    "facilities": ["meeting-rooms", "interpretation-booths", "wifi"],
    "languages": ["zh", "en"],
    "coordinates": ("39.91550", "116.35600"),
    "open_to_delegations": True,
    "booking_lead_days": 14,
    "name": {
        "zh_hans": "北京金融街",
        "en": "Beijing Financial Street",
        "ja": "北京金融街",
        "ru": "Пекинская Финансовая улица",
        "fr": "Rue de la Finance de Pékin",
        "es": "Calle Financiera de Pekín",
        "ar": "شارع المال في بكين",
    },
    "address": {
        "zh_hans": "北京市西城区金融大街一带",
        "en": "Around Jinrong Street (Financial Street), Xicheng District, Beijing",
        "ja": "北京市西城区金融大街一帯",
        "ru": "Пекин, район Сичэн, окрестности улицы Цзиньжун (Финансовой улицы)",
        "fr": "Autour de la rue Jinrong (rue de la Finance), district de Xicheng, Pékin",
        "es": "Alrededores de la calle Jinrong (Calle Financiera), distrito de Xicheng, Pekín",
        "ar": "محيط شارع جينرونغ (شارع المال)، منطقة شيتشنغ، بكين",
    },
    "summary": {
        "zh_hans": "北京的金融功能区，汇聚众多金融机构。来源文章提到在此举办的金融街论坛"
        "和“金融街外语文化展演”。",
        "en": "Beijing's financial district, home to many financial institutions; the source "
        "article names the Financial Street Forum and the Foreign Language Performance of "
        "the Financial Street.",
        "ja": "多くの金融機関が集まる北京の金融街区。出典記事は金融街フォーラムと"
        "「金融街外国語パフォーマンス」に触れています。",
        "ru": "Финансовый район Пекина, где сосредоточено множество финансовых учреждений; "
        "статья-источник называет Форум Финансовой улицы и выступления на иностранных "
        "языках Финансовой улицы.",
        "fr": "Le quartier financier de Pékin, qui réunit de nombreuses institutions "
        "financières ; l'article source cite le Forum de la rue de la Finance et le "
        "spectacle en langues étrangères de la rue de la Finance.",
        "es": "El distrito financiero de Pekín, sede de numerosas instituciones financieras; "
        "el artículo de origen menciona el Foro de la Calle Financiera y la actuación en "
        "lenguas extranjeras de la Calle Financiera.",
        "ar": "الحي المالي في بكين الذي يضم كثيرًا من المؤسسات المالية؛ ويذكر المقال المصدر "
        "منتدى شارع المال وعروض اللغات الأجنبية في شارع المال.",
    },
    "opening_hours": WORKING_DAYS,
    "accessibility": MODERN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：可安排金融机构参观、座谈和营商环境介绍。请至少提前14天申请。",
        "en": "Sample: visits to financial institutions, talks and briefings on the business "
        "environment can be arranged. Apply at least 14 days ahead.",
        "ja": "サンプル：金融機関の訪問、座談会、ビジネス環境の説明を手配できます。"
        "14日前までにお申し込みください。",
        "ru": "Пример: можно организовать посещение финансовых учреждений, беседы и "
        "презентации деловой среды. Подайте заявку не позднее чем за 14 дней.",
        "fr": "Exemple : visites d'institutions financières, entretiens et présentations du "
        "climat des affaires. Faites la demande au moins 14 jours à l'avance.",
        "es": "Ejemplo: se pueden organizar visitas a instituciones financieras, coloquios y "
        "presentaciones del entorno empresarial. Solicítelo con 14 días de antelación.",
        "ar": "مثال: يمكن ترتيب زيارات إلى المؤسسات المالية ولقاءات وعروض عن بيئة الأعمال. "
        "يُقدَّم الطلب قبل 14 يومًا على الأقل.",
    },
    "sample_note": {
        "zh_hans": "金融街论坛见于来源文章；坐标为大致位置；参观安排、设施、语种和预约提前天数"
        "为示例数据。",
        "en": "The Financial Street Forum is named in the source article; coordinates are "
        "approximate; visit arrangements, facilities, languages and booking lead time are "
        "sample data.",
        "ja": "金融街フォーラムは出典記事に記載があります。座標はおおよその位置で、"
        "訪問の手配、設備、対応言語、予約の必要日数はサンプルデータです。",
        "ru": "Форум Финансовой улицы упомянут в статье-источнике; координаты приблизительные; "
        "порядок визитов, удобства, языки и срок бронирования — демонстрационные данные.",
        "fr": "Le Forum de la rue de la Finance est cité par l'article source ; coordonnées "
        "approximatives ; modalités de visite, équipements, langues et délai de réservation "
        "sont des données d'exemple.",
        "es": "El Foro de la Calle Financiera figura en el artículo de origen; coordenadas "
        "aproximadas; organización de visitas, instalaciones, idiomas y antelación de "
        "reserva son datos de ejemplo.",
        "ar": "منتدى شارع المال مذكور في المقال المصدر؛ والإحداثيات تقريبية؛ وترتيبات "
        "الزيارة والمرافق واللغات ومدة الحجز المسبق بيانات تجريبية.",
    },
}

DESHENG = {
    "slug": "desheng-science-park",
    "kind": Venue.Kind.SCIENCE_PARK,
    "categories": ["science-technology", "business"],
    "facilities": ["meeting-rooms", "wifi"],
    "languages": ["zh", "en"],
    "coordinates": ("39.95450", "116.37900"),
    "open_to_delegations": True,
    "booking_lead_days": 14,
    "name": {
        "zh_hans": "德胜科技园",
        "en": "Desheng Science and Technology Park",
        "ja": "徳勝科技園",
        "ru": "Научно-технологический парк Дэшэн",
        "fr": "Parc scientifique et technologique de Desheng",
        "es": "Parque de Ciencia y Tecnología de Desheng",
        "ar": "حديقة ديشنغ للعلوم والتكنولوجيا",
    },
    "address": {
        "zh_hans": "北京市西城区德胜门外一带（大致位置）",
        "en": "Around Deshengmenwai, Xicheng District, Beijing (approximate)",
        "ja": "北京市西城区徳勝門外一帯（おおよその位置）",
        "ru": "Пекин, район Сичэн, окрестности Дэшэнмэньвай (приблизительно)",
        "fr": "Autour de Deshengmenwai, district de Xicheng, Pékin (approximatif)",
        "es": "Alrededores de Deshengmenwai, distrito de Xicheng, Pekín (aproximado)",
        "ar": "محيط ديشنغمنواي، منطقة شيتشنغ، بكين (موقع تقريبي)",
    },
    "summary": {
        "zh_hans": "西城区北部德胜门一带的科技园区，聚集科技与创新企业。",
        "en": "A science and technology park around Deshengmen in the north of Xicheng "
        "District, where technology and innovation companies cluster.",
        "ja": "西城区北部の徳勝門一帯にある科学技術パークで、テクノロジーやイノベーション企業が"
        "集まっています。",
        "ru": "Научно-технологический парк в районе Дэшэнмэнь на севере Сичэна, где "
        "сосредоточены технологические и инновационные компании.",
        "fr": "Un parc scientifique et technologique autour de Deshengmen, au nord du "
        "district de Xicheng, qui regroupe des entreprises de technologie et d'innovation.",
        "es": "Un parque de ciencia y tecnología en torno a Deshengmen, al norte del distrito "
        "de Xicheng, donde se agrupan empresas de tecnología e innovación.",
        "ar": "حديقة للعلوم والتكنولوجيا في محيط ديشنغمن شمال منطقة شيتشنغ، تتجمع فيها شركات "
        "التكنولوجيا والابتكار.",
    },
    "opening_hours": WORKING_DAYS,
    "accessibility": UNKNOWN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：可安排企业参观和科技交流座谈。请至少提前14天申请。",
        "en": "Sample: company visits and technology exchange talks can be arranged. Apply "
        "at least 14 days ahead.",
        "ja": "サンプル：企業訪問や科学技術交流の座談会を手配できます。"
        "14日前までにお申し込みください。",
        "ru": "Пример: можно организовать посещение компаний и беседы о научно-техническом "
        "обмене. Подайте заявку не позднее чем за 14 дней.",
        "fr": "Exemple : visites d'entreprises et échanges sur la technologie sur demande. "
        "Faites la demande au moins 14 jours à l'avance.",
        "es": "Ejemplo: se pueden organizar visitas a empresas y coloquios de intercambio "
        "tecnológico. Solicítelo con al menos 14 días de antelación.",
        "ar": "مثال: يمكن ترتيب زيارات للشركات ولقاءات للتبادل التكنولوجي. يُقدَّم الطلب "
        "قبل 14 يومًا على الأقل.",
    },
    "sample_note": {
        "zh_hans": "名称与位置按通常说法给出，未经官方来源核实；坐标为大致位置；其余信息均为"
        "示例数据。",
        "en": "The name and location are given as commonly described and are not verified "
        "against an official source; coordinates are approximate; all other details are "
        "sample data.",
        "ja": "名称と位置は一般的な呼び方に基づくもので、公式情報では未確認です。"
        "座標はおおよその位置で、その他の情報はサンプルデータです。",
        "ru": "Название и расположение приведены по общепринятому описанию и не сверены "
        "с официальным источником; координаты приблизительные; остальное — "
        "демонстрационные данные.",
        "fr": "Nom et emplacement repris de l'usage courant, non vérifiés auprès d'une source "
        "officielle ; coordonnées approximatives ; tous les autres détails sont des données "
        "d'exemple.",
        "es": "Nombre y ubicación según el uso habitual, sin verificar con una fuente "
        "oficial; coordenadas aproximadas; los demás datos son de ejemplo.",
        "ar": "الاسم والموقع وفق الوصف الشائع ولم يُتحقق منهما من مصدر رسمي؛ والإحداثيات "
        "تقريبية؛ وسائر التفاصيل بيانات تجريبية.",
    },
}

SAMPLE_SCHOOL = {
    "slug": "international-school-sample",
    "kind": Venue.Kind.SCHOOL,
    "categories": ["education"],
    "facilities": ["step-free", "accessible-toilet", "meeting-rooms"],
    "languages": ["zh", "en"],
    "coordinates": None,
    "open_to_delegations": True,
    "booking_lead_days": 21,
    "name": {
        "zh_hans": "国际学校（示例）",
        "en": "International School (sample)",
        "ja": "インターナショナルスクール（サンプル）",
        "ru": "Международная школа (пример)",
        "fr": "École internationale (exemple)",
        "es": "Colegio internacional (ejemplo)",
        "ar": "مدرسة دولية (مثال)",
    },
    "address": {
        "zh_hans": "北京市西城区（示例）",
        "en": "Xicheng District, Beijing (sample)",
        "ja": "北京市西城区（サンプル）",
        "ru": "Пекин, район Сичэн (пример)",
        "fr": "District de Xicheng, Pékin (exemple)",
        "es": "Distrito de Xicheng, Pekín (ejemplo)",
        "ar": "منطقة شيتشنغ، بكين (مثال)",
    },
    "summary": {
        "zh_hans": "教育类示例条目：一所可与来访团组开展校际交流的国际学校。",
        "en": "A sample entry for the education category: an international school that could "
        "host school exchanges with visiting delegations.",
        "ja": "教育分野のサンプル項目：訪問団と学校交流を行えるインターナショナルスクールです。",
        "ru": "Демонстрационная запись в категории «Образование»: международная школа, "
        "которая могла бы принимать делегации для школьных обменов.",
        "fr": "Une entrée d'exemple pour la catégorie Éducation : une école internationale "
        "qui pourrait accueillir des échanges scolaires avec des délégations.",
        "es": "Una entrada de ejemplo para la categoría Educación: un colegio internacional "
        "que podría acoger intercambios escolares con delegaciones.",
        "ar": "مدخل تجريبي لفئة التعليم: مدرسة دولية يمكنها استضافة تبادلات مدرسية مع الوفود "
        "الزائرة.",
    },
    "opening_hours": WORKING_DAYS,
    "accessibility": MODERN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：可安排听课、与师生座谈和校园参观。请至少提前21天申请，避开考试和假期。",
        "en": "Sample: class observation, talks with teachers and students and a campus tour "
        "can be arranged. Apply at least 21 days ahead, avoiding exams and holidays.",
        "ja": "サンプル：授業見学、教員・生徒との座談会、校内見学を手配できます。"
        "試験期間と休暇を避け、21日前までにお申し込みください。",
        "ru": "Пример: можно посетить уроки, побеседовать с учителями и учениками и осмотреть "
        "школу. Заявка — не позднее чем за 21 день, кроме периода экзаменов и каникул.",
        "fr": "Exemple : observation de cours, échanges avec enseignants et élèves et visite "
        "du campus. Demande au moins 21 jours à l'avance, hors examens et vacances.",
        "es": "Ejemplo: observación de clases, coloquios con docentes y alumnos y visita al "
        "centro. Solicítelo con 21 días de antelación, evitando exámenes y vacaciones.",
        "ar": "مثال: يمكن ترتيب حضور الحصص ولقاءات مع المعلمين والطلاب وجولة في المدرسة. "
        "يُقدَّم الطلب قبل 21 يومًا على الأقل بعيدًا عن الامتحانات والعطل.",
    },
    "sample_note": {
        "zh_hans": "示例条目：来源文章只提到提升国际教育服务；这所学校及其全部信息均为演示而虚构。",
        "en": "Sample entry: the source article only says international education services "
        "were improved; this school and all its details are invented for the demonstration.",
        "ja": "サンプル項目：出典記事は国際教育サービスの向上に触れるのみで、"
        "この学校とその情報はすべてデモ用の架空のものです。",
        "ru": "Демонстрационная запись: статья-источник говорит лишь об улучшении "
        "международных образовательных услуг; школа и все сведения о ней вымышлены.",
        "fr": "Entrée d'exemple : l'article source indique seulement que les services "
        "éducatifs internationaux ont été améliorés ; cette école et ses détails sont "
        "inventés pour la démonstration.",
        "es": "Entrada de ejemplo: el artículo de origen solo dice que se mejoraron los "
        "servicios educativos internacionales; este colegio y sus datos son inventados "
        "para la demostración.",
        "ar": "مدخل تجريبي: يذكر المقال المصدر فقط تحسين خدمات التعليم الدولي؛ وهذه المدرسة "
        "وكل تفاصيلها مختلقة لأغراض العرض.",
    },
}

SAMPLE_HOSPITAL = {
    "slug": "international-medical-department-sample",
    "kind": Venue.Kind.HOSPITAL,
    "categories": ["healthcare"],
    "facilities": ["step-free", "accessible-toilet", "parking"],
    "languages": ["zh", "en", "ja"],
    "coordinates": None,
    "open_to_delegations": False,
    "booking_lead_days": None,
    "name": {
        "zh_hans": "医院国际医疗部（示例）",
        "en": "International Medical Department (sample)",
        "ja": "病院国際医療部（サンプル）",
        "ru": "Международное медицинское отделение (пример)",
        "fr": "Département médical international (exemple)",
        "es": "Departamento médico internacional (ejemplo)",
        "ar": "القسم الطبي الدولي (مثال)",
    },
    "address": {
        "zh_hans": "北京市西城区（示例）",
        "en": "Xicheng District, Beijing (sample)",
        "ja": "北京市西城区（サンプル）",
        "ru": "Пекин, район Сичэн (пример)",
        "fr": "District de Xicheng, Pékin (exemple)",
        "es": "Distrito de Xicheng, Pekín (ejemplo)",
        "ar": "منطقة شيتشنغ، بكين (مثال)",
    },
    "summary": {
        "zh_hans": "医疗类示例条目：为外籍人士提供外语医疗服务的医院国际部。",
        "en": "A sample entry for the healthcare category: a hospital international "
        "department offering medical care in foreign languages.",
        "ja": "医療分野のサンプル項目：外国人に外国語で医療サービスを提供する病院の国際部です。",
        "ru": "Демонстрационная запись в категории «Здравоохранение»: международное отделение "
        "больницы, оказывающее медицинскую помощь на иностранных языках.",
        "fr": "Une entrée d'exemple pour la catégorie Santé : le département international "
        "d'un hôpital qui soigne en langues étrangères.",
        "es": "Una entrada de ejemplo para la categoría Salud: el departamento internacional "
        "de un hospital que atiende en lenguas extranjeras.",
        "ar": "مدخل تجريبي لفئة الرعاية الصحية: قسم دولي في مستشفى يقدّم الرعاية الطبية "
        "بلغات أجنبية.",
    },
    "opening_hours": {
        "zh_hans": "示例：工作日门诊，需提前预约；急诊请前往医院急诊科。",
        "en": "Sample: outpatient clinics on working days by appointment; for emergencies go "
        "to the hospital's emergency department.",
        "ja": "サンプル：平日の外来は予約制です。救急の場合は病院の救急外来へ。",
        "ru": "Пример: амбулаторный приём по будним дням по записи; в экстренных случаях "
        "обращайтесь в приёмное отделение больницы.",
        "fr": "Exemple : consultations les jours ouvrables sur rendez-vous ; en cas "
        "d'urgence, rendez-vous aux urgences de l'hôpital.",
        "es": "Ejemplo: consultas en días laborables con cita previa; en caso de urgencia, "
        "acuda a urgencias del hospital.",
        "ar": "مثال: عيادات خارجية في أيام العمل بموعد مسبق؛ وفي الحالات الطارئة يُرجى "
        "التوجّه إلى قسم الطوارئ في المستشفى.",
    },
    "accessibility": MODERN_ACCESS,
    "visit_information": {
        "zh_hans": "示例：为就诊的外籍人士提供服务，不安排团组参观。",
        "en": "Sample: serves foreign patients; no delegation visits are arranged.",
        "ja": "サンプル：外国人患者向けのサービスで、団体見学は受け付けていません。",
        "ru": "Пример: обслуживает иностранных пациентов; визиты делегаций не организуются.",
        "fr": "Exemple : accueille les patients étrangers ; pas de visites de délégations.",
        "es": "Ejemplo: atiende a pacientes extranjeros; no se organizan visitas de delegaciones.",
        "ar": "مثال: يخدم المرضى الأجانب، ولا تُرتَّب فيه زيارات للوفود.",
    },
    "sample_note": {
        "zh_hans": "示例条目：来源文章只提到加强医疗机构国际部建设；这一部门及其全部信息均为"
        "演示而虚构。",
        "en": "Sample entry: the source article only says international departments of "
        "medical facilities were strengthened; this department and all its details are "
        "invented for the demonstration.",
        "ja": "サンプル項目：出典記事は医療機関の国際部の強化に触れるのみで、"
        "この部門とその情報はすべてデモ用の架空のものです。",
        "ru": "Демонстрационная запись: статья-источник говорит лишь об укреплении "
        "международных отделений медучреждений; это отделение и все сведения о нём вымышлены.",
        "fr": "Entrée d'exemple : l'article source indique seulement que les départements "
        "internationaux des établissements médicaux ont été renforcés ; ce département et "
        "ses détails sont inventés.",
        "es": "Entrada de ejemplo: el artículo de origen solo dice que se reforzaron los "
        "departamentos internacionales de los centros médicos; este departamento y sus "
        "datos son inventados.",
        "ar": "مدخل تجريبي: يذكر المقال المصدر فقط تعزيز الأقسام الدولية في المرافق الطبية؛ "
        "وهذا القسم وكل تفاصيله مختلقة لأغراض العرض.",
    },
}

VENUES = [
    HAIQING_YUAN,
    ANCIENT_ARCHITECTURE,
    NUMISMATIC,
    MEI_LANFANG,
    GUO_MORUO,
    PRINCE_GONG,
    LU_XUN,
    CAPITAL_MUSEUM,
    FINANCIAL_STREET,
    DESHENG,
    SAMPLE_SCHOOL,
    SAMPLE_HOSPITAL,
]

# --- The thematic museum route --------------------------------------------------------

MUSEUM_ROUTE = {
    "slug": "museum-route",
    "title": {
        "zh_hans": "主题博物馆之旅",
        "en": "Thematic museum route",
        "ja": "テーマ博物館めぐりルート",
        "ru": "Маршрут по тематическим музеям",
        "fr": "Parcours des musées thématiques",
        "es": "Ruta de museos temáticos",
        "ar": "مسار المتاحف المواضيعية",
    },
    "theme": {
        "zh_hans": "中轴线畔的“博物馆之城”",
        "en": "The City of Museums along the Central Axis",
        "ja": "中軸線沿いの「博物館の都」",
        "ru": "«Город музеев» вдоль Центральной оси",
        "fr": "La « Cité des musées » le long de l'Axe central",
        "es": "La «Ciudad de los Museos» a lo largo del Eje Central",
        "ar": "«مدينة المتاحف» على امتداد المحور المركزي",
    },
    "summary": {
        "zh_hans": "从中轴线南段的先农坛一路向北到什刹海：古代建筑、钱币、京剧、文学和清代王府，"
        "一天走完。",
        "en": "From Xiannongtan on the southern Central Axis north to Shichahai: ancient "
        "architecture, money, Peking Opera, literature and a Qing princely mansion in a day.",
        "ja": "中軸線南部の先農壇から北の什刹海まで。古代建築、貨幣、京劇、文学、"
        "清代の王府を一日でめぐります。",
        "ru": "От Сяньнунтаня на юге Центральной оси на север к Шичахаю: древняя архитектура, "
        "деньги, пекинская опера, литература и княжеская усадьба эпохи Цин за один день.",
        "fr": "Du Xiannongtan, au sud de l'Axe central, jusqu'à Shichahai au nord : "
        "architecture ancienne, monnaie, opéra de Pékin, littérature et résidence princière "
        "Qing en une journée.",
        "es": "Desde Xiannongtan, en el sur del Eje Central, hasta Shichahai al norte: "
        "arquitectura antigua, moneda, ópera de Pekín, literatura y una mansión principesca "
        "Qing en un día.",
        "ar": "من شيان نونغ تان في جنوب المحور المركزي شمالًا إلى شيتشاهاي: العمارة القديمة "
        "والعملات وأوبرا بكين والأدب وقصر أميري من عهد تشينغ في يوم واحد.",
    },
    "sample_note": {
        "zh_hans": "来源文章只说推出了主题博物馆体验游线路，未列出站点；本线路的站点选择、顺序"
        "和建议时长均为示例数据。",
        "en": "The source article says a tourism route of thematic museums was launched but "
        "does not list its stops; this selection, its order and the suggested times are "
        "sample data.",
        "ja": "出典記事はテーマ博物館を体験する観光ルートの開設を伝えるのみで、"
        "立ち寄り先は示していません。この選定、順序、目安時間はサンプルデータです。",
        "ru": "Статья-источник сообщает о запуске туристического маршрута по тематическим "
        "музеям, но не называет остановки; их выбор, порядок и время — демонстрационные "
        "данные.",
        "fr": "L'article source annonce un circuit touristique de musées thématiques sans en "
        "donner les étapes ; cette sélection, son ordre et les durées suggérées sont des "
        "données d'exemple.",
        "es": "El artículo de origen anuncia una ruta turística de museos temáticos sin "
        "enumerar sus paradas; esta selección, su orden y los tiempos sugeridos son datos "
        "de ejemplo.",
        "ar": "يذكر المقال المصدر إطلاق مسار سياحي للمتاحف المواضيعية دون تعداد محطاته؛ "
        "فاختيار المحطات وترتيبها والأوقات المقترحة بيانات تجريبية.",
    },
    "stops": [
        (
            "beijing-ancient-architecture-museum",
            90,
            {
                "zh_hans": "从中轴线南段出发：参观明代始建的先农坛建筑群和中国古代建筑展览。",
                "en": "Start on the southern Central Axis with the Ming-dynasty altar complex "
                "of Xiannongtan and its exhibitions on traditional Chinese building.",
                "ja": "中軸線南部から出発。明代に創建された先農壇の建築群と中国古代建築の展示を"
                "見学します。",
                "ru": "Начало на юге Центральной оси: алтарный комплекс Сяньнунтань эпохи Мин "
                "и выставки о традиционном китайском зодчестве.",
                "fr": "Départ au sud de l'Axe central : l'ensemble d'autels Ming du Xiannongtan "
                "et ses expositions sur l'art de bâtir chinois.",
                "es": "Salida en el sur del Eje Central: el conjunto de altares Ming de "
                "Xiannongtan y sus exposiciones sobre la construcción tradicional china.",
                "ar": "البداية من جنوب المحور المركزي: مجمّع مذبح شيان نونغ تان من عهد مينغ "
                "ومعارضه عن فن البناء الصيني التقليدي.",
            },
        ),
        (
            "china-numismatic-museum",
            60,
            {
                "zh_hans": "来到天安门广场西侧，了解中国货币从古至今的演变。",
                "en": "Just west of Tiananmen Square, follow Chinese money from ancient coins "
                "to modern banknotes.",
                "ja": "天安門広場の西側で、古代の貨幣から現代の紙幣まで"
                "中国の通貨の歩みをたどります。",
                "ru": "К западу от площади Тяньаньмэнь — история китайских денег от древних "
                "монет до современных банкнот.",
                "fr": "À l'ouest de la place Tian'anmen, l'histoire de la monnaie chinoise, "
                "des pièces anciennes aux billets modernes.",
                "es": "Al oeste de la plaza de Tiananmén, la historia de la moneda china, de "
                "las monedas antiguas a los billetes modernos.",
                "ar": "غرب ساحة تيانانمن: تاريخ العملة الصينية من المسكوكات القديمة إلى "
                "الأوراق النقدية الحديثة.",
            },
        ),
        (
            "mei-lanfang-memorial-hall",
            45,
            {
                "zh_hans": "北上护国寺街，走进京剧大师梅兰芳的故居。",
                "en": "Head north to Huguosi Street and the courtyard home of the Peking Opera "
                "master Mei Lanfang.",
                "ja": "北へ向かい護国寺街へ。京劇の巨匠・梅蘭芳の旧居を訪ねます。",
                "ru": "На север, на улицу Хугосы, в дом мастера пекинской оперы Мэй Ланьфана.",
                "fr": "Cap au nord vers la rue Huguosi et la maison à cour du maître de l'opéra "
                "de Pékin Mei Lanfang.",
                "es": "Hacia el norte, a la calle Huguosi y la casa de patio del maestro de la "
                "ópera de Pekín Mei Lanfang.",
                "ar": "شمالًا إلى شارع هوغوسي وبيت أستاذ أوبرا بكين مي لانفانغ.",
            },
        ),
        (
            "guo-moruo-memorial-hall",
            45,
            {
                "zh_hans": "到什刹海畔的前海西街，参观郭沫若故居。",
                "en": "On Qianhai West Street by Shichahai, visit the residence of the writer "
                "and historian Guo Moruo.",
                "ja": "什刹海のほとりの前海西街で、郭沫若の旧居を見学します。",
                "ru": "На улице Цяньхай-Сицзе у Шичахая — дом писателя и историка Го Можо.",
                "fr": "Rue Qianhai Ouest, au bord de Shichahai, la résidence de l'écrivain et "
                "historien Guo Moruo.",
                "es": "En la calle Qianhai Oeste, junto a Shichahai, la residencia del "
                "escritor e historiador Guo Moruo.",
                "ar": "في شارع تشيانهاي الغربي قرب شيتشاهاي: مسكن الأديب والمؤرخ قوه موروه.",
            },
        ),
        (
            "prince-gongs-mansion",
            120,
            {
                "zh_hans": "最后一站就在隔壁：游览清代王府及其花园。",
                "en": "Finish next door at the Qing-dynasty princely mansion and its garden.",
                "ja": "最後は隣の恭王府へ。清代の王府と庭園を散策します。",
                "ru": "Финал по соседству — княжеская усадьба эпохи Цин и её сад.",
                "fr": "Fin juste à côté, dans la résidence princière Qing et son jardin.",
                "es": "Final justo al lado, en la mansión principesca Qing y su jardín.",
                "ar": "الختام في المكان المجاور: قصر الأمير من عهد تشينغ وحديقته.",
            },
        ),
    ],
}

LOOKUP_CODES = {
    ResourceCategory: {code for data in VENUES for code in data["categories"]},
    Facility: {code for data in VENUES for code in data["facilities"]},
    ServiceLanguage: {code for data in VENUES for code in data["languages"]},
}


# The categories, facilities and languages the venues migration seeds, by model.
SEEDED_LOOKUPS = {
    ResourceCategory: lookups.CATEGORIES,
    Facility: lookups.FACILITIES,
    ServiceLanguage: lookups.SERVICE_LANGUAGES,
}


def ensure_lookups(demo: DemoLoad, wanted: dict) -> None:
    """Create the seeded lookups `wanted` names ({model: codes}) that staff deleted.

    A recreated one reads as the migration seeded it; one that exists is left as it is.
    """
    for model, rows in SEEDED_LOOKUPS.items():
        for position, (code, names) in enumerate(rows):
            if code in wanted.get(model, ()):
                create = partial(_create_lookup, model, code, names, position)
                demo.ensure("lookups", model, create, code=code)


def _create_lookup(model, code: str, names: dict[str, str], position: int):
    lookup = model(code=code, position=position)
    for lang in field_suffixes():
        setattr(lookup, f"name_{lang}", names.get(lang, ""))
    lookup.full_clean()
    lookup.save()
    return lookup


def _create_venue(data) -> Venue:
    venue = Venue(slug=data["slug"], kind=data["kind"])
    if data["coordinates"] is not None:
        venue.latitude, venue.longitude = (Decimal(value) for value in data["coordinates"])
    venue.open_to_delegations = data["open_to_delegations"]
    venue.booking_lead_days = data["booking_lead_days"]
    for field in TRANSLATED:
        values = data.get(field, {})
        for lang in field_suffixes():
            setattr(venue, f"{field}_{lang}", values.get(lang, ""))
    venue.status = PublishingStatus.PUBLISHED
    venue.is_sample = True
    venue.full_clean()
    venue.save()
    venue.categories.set(ResourceCategory.objects.filter(code__in=data["categories"]))
    venue.facilities.set(Facility.objects.filter(code__in=data["facilities"]))
    venue.languages.set(ServiceLanguage.objects.filter(code__in=data["languages"]))
    return venue


def _create_route(data, venues: dict[str, Venue]) -> Route:
    route = Route(slug=data["slug"])
    for field in ("title", "theme", "summary", "sample_note"):
        for lang in field_suffixes():
            setattr(route, f"{field}_{lang}", data[field].get(lang, ""))
    for lang in field_suffixes():
        setattr(route, f"body_{lang}", "")
    route.status = PublishingStatus.PUBLISHED
    route.is_sample = True
    route.full_clean()
    route.save()
    for position, (slug, minutes, note) in enumerate(data["stops"], start=1):
        stop = RouteStop(route=route, venue=venues[slug], position=position)
        stop.suggested_minutes = minutes
        for lang in field_suffixes():
            setattr(stop, f"note_{lang}", note.get(lang, ""))
        stop.full_clean()
        stop.save()
    return route


def load() -> str:
    """Create whichever demo venues, lookups they use and the museum route are missing."""
    demo = DemoLoad()
    ensure_lookups(demo, LOOKUP_CODES)
    venues = {
        data["slug"]: demo.ensure("venues", Venue, partial(_create_venue, data), slug=data["slug"])
        for data in VENUES
    }
    demo.ensure(
        "routes", Route, partial(_create_route, MUSEUM_ROUTE, venues), slug=MUSEUM_ROUTE["slug"]
    )
    return str(demo)
