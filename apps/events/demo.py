"""Demo programme: the series and exchanges of the source article, in seven languages.

The article names Xicheng's signature international cultural and tourism events (the
Shichahai Cultural Tourism Festival, the China International Ballet Gala Season, the
China International Chorus Festival, the Lao She Theatre Festival, the "White Tower Night
Talk" and the "October Literature Festival"), the Financial Street Forum and the Global
Fintech Summit it hosts, and the Foreign Language Performance of the Financial Street,
held for four consecutive years. It also names past online exchanges: the celebration of
the 35th anniversary of ties with Nakano City, Tokyo (where a memorandum on friendly
cooperation was signed), calligraphy and floral-art exchanges with Tokyo, a promotion
event for enterprises with Lenin District of Minsk, and an international sister-city
symposium.

It gives no dates, times, places, organisers or programmes. So:

- Each series gets an upcoming edition dated from the day the demo creates it; an
  edition that exists keeps its dates, and loading in a later year adds that year's
  edition. Its dates, times, place, organiser and programme are sample data, and so is
  the postponement of the chorus festival.
- The upcoming online exchanges with Nakano City and with Lenin District of Minsk are
  invented entirely and say "(sample)" in their titles in every language.
- Registration: both online exchanges and the White Tower Night Talk take registrations,
  open from the day the demo creates them until a day before the start. The talk has three
  places, taken by invented people with example.org addresses (RFC 2606: never a real
  mailbox), and one more on its waitlist, so staff see a full event, a waitlist and the
  emails owed at once; visitors of the demo join that waitlist, or register for an
  online exchange and get a place.
- The past exchanges keep what the article says; their exact dates, times and organisers
  are sample data (the 35th anniversary falls in 2021, as the partner's demo has it).
"""

import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import partial

from django.utils import timezone

from apps.core.demo_loading import DemoLoad
from apps.core.i18n import field_suffixes
from apps.core.models import PublishingStatus
from apps.sister_cities import demo as sister_demo
from apps.sister_cities.models import SisterCity
from apps.venues import demo as venue_demo
from apps.venues.models import ServiceLanguage, Venue

from .models import DEFAULT_TIME_ZONE, Event, EventSeries
from .registrations import RegistrationClosed, registration_create
from .services import event_create

ZONE = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
# Kept private by the site: only registered participants ever receive them. The host
# is reserved (RFC 2606), so nothing is ever fetched from it.
SAMPLE_JOIN_URL = "https://meeting.example.org/xicheng-demo-join"
MINSK_JOIN_URL = "https://meeting.example.org/xicheng-minsk-demo-join"

# --- Texts several events share ------------------------------------------------------

XICHENG = {
    "zh_hans": "北京市西城区",
    "en": "Xicheng District, Beijing",
    "ja": "北京市西城区",
    "ru": "Район Сичэн, Пекин",
    "fr": "District de Xicheng, Pékin",
    "es": "Distrito de Xicheng, Pekín",
    "ar": "منطقة شيتشنغ، بكين",
}

WHITE_PAGODA_TEMPLE = {
    "zh_hans": "白塔寺（妙应寺）",
    "en": "White Pagoda Temple (Miaoying Temple)",
    "ja": "白塔寺（妙応寺）",
    "ru": "Храм Белой пагоды (Мяоиньсы)",
    "fr": "Temple de la Pagode blanche (Miaoying)",
    "es": "Templo de la Pagoda Blanca (Miaoying)",
    "ar": "معبد الباغودا البيضاء (مياو ينغ)",
}

DISTRICT_GOVERNMENT = {
    "zh_hans": "西城区人民政府",
    "en": "Xicheng District People's Government",
    "ja": "西城区人民政府",
    "ru": "Народное правительство района Сичэн",
    "fr": "Gouvernement populaire du district de Xicheng",
    "es": "Gobierno Popular del Distrito de Xicheng",
    "ar": "الحكومة الشعبية لمنطقة شيتشنغ",
}

FOREIGN_AFFAIRS_OFFICE = {
    "zh_hans": "西城区人民政府外事办公室",
    "en": "Foreign Affairs Office of Xicheng District Government",
    "ja": "西城区人民政府外事弁公室",
    "ru": "Канцелярия по иностранным делам правительства района Сичэн",
    "fr": "Bureau des affaires étrangères du gouvernement du district de Xicheng",
    "es": "Oficina de Asuntos Exteriores del Gobierno del Distrito de Xicheng",
    "ar": "مكتب الشؤون الخارجية لحكومة منطقة شيتشنغ",
}

EDITION_NOTE = {
    "zh_hans": "本届活动的日期、时间、地点、主办单位和活动安排均为示例数据；"
    "来源文章只提到该活动本身。",
    "en": "The dates, times, place, organiser and programme of this edition are sample data; "
    "the source article names only the event itself.",
    "ja": "今回の日程、時間、会場、主催者、プログラムはサンプルデータです。"
    "出典記事が挙げているのはイベント名のみです。",
    "ru": "Даты, время, место, организатор и программа этого выпуска — демонстрационные "
    "данные; статья-источник называет только само мероприятие.",
    "fr": "Les dates, horaires, lieu, organisateur et programme de cette édition sont des "
    "données d'exemple ; l'article source ne cite que l'événement lui-même.",
    "es": "Las fechas, horarios, lugar, organizador y programa de esta edición son datos de "
    "ejemplo; el artículo de origen solo menciona el evento en sí.",
    "ar": "تواريخ هذه الدورة وأوقاتها ومكانها والجهة المنظمة وبرنامجها بيانات تجريبية؛ "
    "ولا يذكر المقال المصدر إلا الفعالية نفسها.",
}

POSTPONED_NOTE = {
    "zh_hans": "本届活动的日期、时间、地点、主办单位、活动安排以及延期状态均为示例数据；"
    "来源文章只提到该活动本身。",
    "en": "The dates, times, place, organiser and programme of this edition, and its "
    "postponement, are sample data; the source article names only the event itself.",
    "ja": "今回の日程、時間、会場、主催者、プログラム、および延期はサンプルデータです。"
    "出典記事が挙げているのはイベント名のみです。",
    "ru": "Даты, время, место, организатор и программа этого выпуска, а также его перенос — "
    "демонстрационные данные; статья-источник называет только само мероприятие.",
    "fr": "Les dates, horaires, lieu, organisateur et programme de cette édition, ainsi que "
    "son report, sont des données d'exemple ; l'article source ne cite que l'événement "
    "lui-même.",
    "es": "Las fechas, horarios, lugar, organizador y programa de esta edición, así como su "
    "aplazamiento, son datos de ejemplo; el artículo de origen solo menciona el evento en sí.",
    "ar": "تواريخ هذه الدورة وأوقاتها ومكانها والجهة المنظمة وبرنامجها، وكذلك تأجيلها، "
    "بيانات تجريبية؛ ولا يذكر المقال المصدر إلا الفعالية نفسها.",
}

REGISTRATION_NOTE = {
    "zh_hans": "本届活动的日期、时间、地点、主办单位、活动安排、名额以及报名者均为示例数据；"
    "来源文章只提到该活动本身。",
    "en": "The dates, times, place, organiser, programme and number of places of this edition, "
    "and the people registered for it, are sample data; the source article names only the "
    "event itself.",
    "ja": "今回の日程、時間、会場、主催者、プログラム、定員、および参加登録者はサンプルデータです。"
    "出典記事が挙げているのはイベント名のみです。",
    "ru": "Даты, время, место, организатор, программа и число мест этого выпуска, а также "
    "зарегистрированные участники — демонстрационные данные; статья-источник называет только "
    "само мероприятие.",
    "fr": "Les dates, horaires, lieu, organisateur, programme et nombre de places de cette "
    "édition, ainsi que les personnes inscrites, sont des données d'exemple ; l'article source "
    "ne cite que l'événement lui-même.",
    "es": "Las fechas, horarios, lugar, organizador, programa y número de plazas de esta "
    "edición, así como las personas inscritas, son datos de ejemplo; el artículo de origen "
    "solo menciona el evento en sí.",
    "ar": "تواريخ هذه الدورة وأوقاتها ومكانها والجهة المنظمة وبرنامجها وعدد مقاعدها، وكذلك "
    "المسجَّلون فيها، بيانات تجريبية؛ ولا يذكر المقال المصدر إلا الفعالية نفسها.",
}

# Invented registrants of the talk, one per language of the emails they get. The first
# three take its three places, the fourth waits on the waitlist.
SAMPLE_REGISTRANTS = [
    {
        "name": "Sample Participant A",
        "email": "sample-participant-a@example.org",
        "organisation": "Sample organisation",
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
    },
    {
        "name": "Sample Participant B",
        "email": "sample-participant-b@example.org",
        "organisation": "Sample organisation",
        "country": "JP",
        "language": "ja",
        "time_zone": "Asia/Tokyo",
    },
    {
        "name": "Sample Participant C",
        "email": "sample-participant-c@example.org",
        "organisation": "",
        "country": "CN",
        "language": "zh-hans",
        "time_zone": "Asia/Shanghai",
    },
    {
        "name": "Sample Participant D",
        "email": "sample-participant-d@example.org",
        "organisation": "",
        "country": "FR",
        "language": "fr",
        "time_zone": "Europe/Paris",
    },
]

PAST_NOTE = {
    "zh_hans": "来源文章提到这次线上活动，但未说明时间；日期、时间和主办单位为示例数据。",
    "en": "The source article names this online event but not when it took place; the date, "
    "times and organiser are sample data.",
    "ja": "出典記事はこのオンライン行事に触れていますが、時期は示していません。"
    "日付、時間、主催者はサンプルデータです。",
    "ru": "Статья-источник упоминает это онлайн-мероприятие, но не его дату; дата, время и "
    "организатор — демонстрационные данные.",
    "fr": "L'article source cite cet événement en ligne sans en donner la date ; la date, les "
    "horaires et l'organisateur sont des données d'exemple.",
    "es": "El artículo de origen menciona este evento en línea, pero no su fecha; la fecha, "
    "el horario y el organizador son datos de ejemplo.",
    "ar": "يذكر المقال المصدر هذه الفعالية الإلكترونية دون تحديد موعدها؛ فالتاريخ والتوقيت "
    "والجهة المنظمة بيانات تجريبية.",
}


def _signature_event(subject: dict) -> dict:
    """The article's one sentence on each signature cultural and tourism event."""
    return {
        "zh_hans": f"{subject['zh_hans']}是西城区着力打造的国际文化旅游品牌活动之一。",
        "en": f"{subject['en']} is one of the signature international cultural and tourism "
        "events fostered by Xicheng District.",
        "ja": f"{subject['ja']}は、西城区が育成に力を入れる国際的な文化・観光の看板イベントの"
        "一つです。",
        "ru": f"{subject['ru']} — одно из знаковых международных культурно-туристических "
        "мероприятий, которые развивает район Сичэн.",
        "fr": f"{subject['fr']} est l'un des grands événements culturels et touristiques "
        "internationaux que développe le district de Xicheng.",
        "es": f"{subject['es']} es uno de los eventos culturales y turísticos internacionales "
        "emblemáticos que impulsa el distrito de Xicheng.",
        "ar": f"يُعدّ {subject['ar']} من الفعاليات الثقافية والسياحية الدولية البارزة التي "
        "ترعاها منطقة شيتشنغ.",
    }


# --- The series and their upcoming editions --------------------------------------------
# `days_ahead` places an edition relative to the day the demo is loaded; `month` instead
# places it on the 1st of that month, the first one at least MIN_DAYS_AHEAD away.

MIN_DAYS_AHEAD = 60

SERIES = [
    {
        "slug": "shichahai-cultural-tourism-festival",
        "name": {
            "zh_hans": "什刹海文化旅游节",
            "en": "Shichahai Cultural Tourism Festival",
            "ja": "什刹海文化観光フェスティバル",
            "ru": "Фестиваль культурного туризма Шичахай",
            "fr": "Festival du tourisme culturel de Shichahai",
            "es": "Festival de Turismo Cultural de Shichahai",
            "ar": "مهرجان شيتشاهاي للسياحة الثقافية",
        },
        "summary": _signature_event(
            {
                "zh_hans": "什刹海文化旅游节",
                "en": "The Shichahai Cultural Tourism Festival",
                "ja": "什刹海文化観光フェスティバル",
                "ru": "Фестиваль культурного туризма Шичахай",
                "fr": "Le Festival du tourisme culturel de Shichahai",
                "es": "El Festival de Turismo Cultural de Shichahai",
                "ar": "مهرجان شيتشاهاي للسياحة الثقافية",
            }
        ),
        "edition": {
            "category": Event.Category.FESTIVAL,
            "days_ahead": 80,
            "all_day_days": 3,
            "venue": "prince-gongs-mansion",
            "languages": ["zh", "en"],
            "summary": {
                "zh_hans": "在什刹海一带举办的三天文化旅游活动，部分活动在恭王府举行。",
                "en": "Three days of culture and tourism around the Shichahai lakes, with "
                "events at Prince Gong's Mansion.",
                "ja": "什刹海一帯で3日間にわたり開かれる文化・観光イベントで、"
                "一部のプログラムは恭王府で行われます。",
                "ru": "Три дня культуры и туризма вокруг озёр Шичахай, часть программы — "
                "в усадьбе князя Гуна.",
                "fr": "Trois jours de culture et de tourisme autour des lacs de Shichahai, "
                "avec des rendez-vous à la résidence du prince Gong.",
                "es": "Tres días de cultura y turismo en torno a los lagos de Shichahai, con "
                "actividades en la Mansión del Príncipe Gong.",
                "ar": "ثلاثة أيام من الثقافة والسياحة حول بحيرات شيتشاهاي، مع فعاليات في "
                "قصر الأمير قونغ.",
            },
        },
    },
    {
        "slug": "china-international-ballet-gala-season",
        "name": {
            "zh_hans": "中国国际芭蕾演出季",
            "en": "China International Ballet Gala Season",
            "ja": "中国国際バレエ公演シーズン",
            "ru": "Китайский международный сезон балета",
            "fr": "Saison internationale de galas de ballet de Chine",
            "es": "Temporada Internacional de Galas de Ballet de China",
            "ar": "موسم الصين الدولي لعروض الباليه",
        },
        "summary": _signature_event(
            {
                "zh_hans": "中国国际芭蕾演出季",
                "en": "The China International Ballet Gala Season",
                "ja": "中国国際バレエ公演シーズン",
                "ru": "Китайский международный сезон балета",
                "fr": "La Saison internationale de galas de ballet de Chine",
                "es": "La Temporada Internacional de Galas de Ballet de China",
                "ar": "موسم الصين الدولي لعروض الباليه",
            }
        ),
        "edition": {
            "category": Event.Category.PERFORMANCE,
            "days_ahead": 150,
            "all_day_days": 7,
            "location": XICHENG,
            "languages": ["zh", "en"],
            "summary": {
                "zh_hans": "为期一周的芭蕾舞演出季，在西城区上演多场芭蕾舞精品演出。",
                "en": "A week of ballet gala performances in Xicheng District.",
                "ja": "西城区で1週間にわたりバレエのガラ公演が行われます。",
                "ru": "Неделя балетных гала-концертов в районе Сичэн.",
                "fr": "Une semaine de galas de ballet dans le district de Xicheng.",
                "es": "Una semana de galas de ballet en el distrito de Xicheng.",
                "ar": "أسبوع من عروض الباليه الاحتفالية في منطقة شيتشنغ.",
            },
        },
    },
    {
        "slug": "china-international-chorus-festival",
        "name": {
            "zh_hans": "中国国际合唱节",
            "en": "China International Chorus Festival",
            "ja": "中国国際合唱祭",
            "ru": "Китайский международный хоровой фестиваль",
            "fr": "Festival international de chant choral de Chine",
            "es": "Festival Internacional de Coros de China",
            "ar": "مهرجان الصين الدولي للكورال",
        },
        "summary": _signature_event(
            {
                "zh_hans": "中国国际合唱节",
                "en": "The China International Chorus Festival",
                "ja": "中国国際合唱祭",
                "ru": "Китайский международный хоровой фестиваль",
                "fr": "Le Festival international de chant choral de Chine",
                "es": "El Festival Internacional de Coros de China",
                "ar": "مهرجان الصين الدولي للكورال",
            }
        ),
        "edition": {
            "category": Event.Category.FESTIVAL,
            "days_ahead": 120,
            "all_day_days": 3,
            "location": XICHENG,
            "languages": ["zh", "en"],
            # Sample: shows the status banner of a postponed event.
            "event_status": Event.Status.POSTPONED,
            "sample_note": POSTPONED_NOTE,
            "summary": {
                "zh_hans": "为期三天的合唱音乐会，汇聚国内外合唱团。",
                "en": "Three days of concerts by choirs from China and abroad.",
                "ja": "国内外の合唱団が集う3日間のコンサート。",
                "ru": "Три дня концертов хоров из Китая и других стран.",
                "fr": "Trois jours de concerts de chœurs venus de Chine et de l'étranger.",
                "es": "Tres días de conciertos de coros de China y del extranjero.",
                "ar": "ثلاثة أيام من حفلات جوقات من الصين وخارجها.",
            },
        },
    },
    {
        "slug": "lao-she-theatre-festival",
        "name": {
            "zh_hans": "老舍戏剧节",
            "en": "Lao She Theatre Festival",
            "ja": "老舎演劇祭",
            "ru": "Театральный фестиваль имени Лао Шэ",
            "fr": "Festival de théâtre Lao She",
            "es": "Festival de Teatro Lao She",
            "ar": "مهرجان لاو شه المسرحي",
        },
        "summary": _signature_event(
            {
                "zh_hans": "老舍戏剧节",
                "en": "The Lao She Theatre Festival",
                "ja": "老舎演劇祭",
                "ru": "Театральный фестиваль имени Лао Шэ",
                "fr": "Le Festival de théâtre Lao She",
                "es": "El Festival de Teatro Lao She",
                "ar": "مهرجان لاو شه المسرحي",
            }
        ),
        "edition": {
            "category": Event.Category.FESTIVAL,
            "days_ahead": 180,
            "all_day_days": 3,
            "location": XICHENG,
            "languages": ["zh"],
            "summary": {
                "zh_hans": "为期三天的戏剧展演，以作家、剧作家老舍命名。",
                "en": "Three days of theatre, named after the writer and playwright Lao She.",
                "ja": "作家・劇作家の老舎の名を冠した3日間の演劇祭。",
                "ru": "Три дня театра: фестиваль назван в честь писателя и драматурга Лао Шэ.",
                "fr": "Trois jours de théâtre, placés sous le nom de l'écrivain et dramaturge "
                "Lao She.",
                "es": "Tres días de teatro que llevan el nombre del escritor y dramaturgo Lao She.",
                "ar": "ثلاثة أيام من المسرح تحمل اسم الكاتب والمسرحي لاو شه.",
            },
        },
    },
    {
        "slug": "white-tower-night-talk",
        "name": {
            "zh_hans": "白塔夜话",
            "en": "White Tower Night Talk",
            "ja": "白塔夜話",
            "ru": "Вечерние беседы у Белой пагоды",
            "fr": "Causeries du soir à la Pagode blanche",
            "es": "Charlas nocturnas de la Pagoda Blanca",
            "ar": "أحاديث المساء عند الباغودا البيضاء",
        },
        "summary": _signature_event(
            {
                "zh_hans": "“白塔夜话”",
                "en": "The “White Tower Night Talk”",
                "ja": "「白塔夜話」",
                "ru": "Цикл «Вечерние беседы у Белой пагоды»",
                "fr": "Le cycle « Causeries du soir à la Pagode blanche »",
                "es": "El ciclo «Charlas nocturnas de la Pagoda Blanca»",
                "ar": "سلسلة «أحاديث المساء عند الباغودا البيضاء»",
            }
        ),
        "edition": {
            "category": Event.Category.TALK,
            "days_ahead": 65,
            "hours": ((19, 0), (21, 0)),
            "location": WHITE_PAGODA_TEMPLE,
            "languages": ["zh"],
            # Sample: a small on-site event, full, with a waitlist.
            "takes_registrations": True,
            "capacity": 3,
            "sample_registrants": SAMPLE_REGISTRANTS,
            "sample_note": REGISTRATION_NOTE,
            "summary": {
                "zh_hans": "在白塔寺举行的一场夜间文化对谈。",
                "en": "An evening talk on culture at the White Pagoda Temple (Miaoying Temple).",
                "ja": "白塔寺（妙応寺）で開かれる夜の文化トーク。",
                "ru": "Вечерняя беседа о культуре в храме Белой пагоды (Мяоиньсы).",
                "fr": "Une causerie du soir sur la culture au temple de la Pagode blanche "
                "(Miaoying).",
                "es": "Una charla vespertina sobre cultura en el templo de la Pagoda Blanca "
                "(Miaoying).",
                "ar": "حديث مسائي عن الثقافة في معبد الباغودا البيضاء (مياو ينغ).",
            },
        },
    },
    {
        "slug": "october-literature-festival",
        "name": {
            "zh_hans": "十月文学月",
            "en": "October Literature Festival",
            "ja": "十月文学月",
            "ru": "Октябрьский литературный фестиваль",
            "fr": "Festival littéraire d'octobre",
            "es": "Festival Literario de Octubre",
            "ar": "مهرجان أكتوبر الأدبي",
        },
        "summary": _signature_event(
            {
                "zh_hans": "“十月文学月”",
                "en": "The “October Literature Festival”",
                "ja": "「十月文学月」",
                "ru": "Октябрьский литературный фестиваль",
                "fr": "Le Festival littéraire d'octobre",
                "es": "El Festival Literario de Octubre",
                "ar": "مهرجان أكتوبر الأدبي",
            }
        ),
        "edition": {
            "category": Event.Category.FESTIVAL,
            # Its name says when it is held, so it keeps to October.
            "month": 10,
            "all_day_days": 31,
            "venue": "lu-xun-museum",
            "languages": ["zh"],
            "summary": {
                "zh_hans": "十月间举办的阅读、讲座等文学活动，部分活动在北京鲁迅博物馆举行。",
                "en": "A month of readings and literary events in October, some of them at "
                "the Beijing Lu Xun Museum.",
                "ja": "10月の1か月間、朗読や講演などの文学イベントが行われ、"
                "一部は北京魯迅博物館で開かれます。",
                "ru": "Месяц чтений и литературных встреч в октябре, часть из них — "
                "в Пекинском музее Лу Синя.",
                "fr": "Un mois de lectures et de rencontres littéraires en octobre, dont "
                "certaines au musée Lu Xun de Pékin.",
                "es": "Un mes de lecturas y encuentros literarios en octubre, algunos en el "
                "Museo Lu Xun de Pekín.",
                "ar": "شهر من القراءات واللقاءات الأدبية في أكتوبر، يُقام بعضها في متحف "
                "لو شيون في بكين.",
            },
        },
    },
    {
        "slug": "financial-street-forum",
        "name": {
            "zh_hans": "金融街论坛",
            "en": "Financial Street Forum",
            "ja": "金融街フォーラム",
            "ru": "Форум «Финансовая улица»",
            "fr": "Forum de la rue de la Finance",
            "es": "Foro de la Calle Financiera",
            "ar": "منتدى شارع المال",
        },
        "summary": {
            "zh_hans": "西城区承办金融街论坛，依托这一国家级开放平台推动科技在金融领域的充分应用。",
            "en": "Xicheng District hosts the Financial Street Forum, a national-level "
            "platform for opening up that helps apply science and technology fully in finance.",
            "ja": "西城区は国家級の開放プラットフォームである金融街フォーラムを開催し、"
            "金融分野での科学技術の活用を推進しています。",
            "ru": "Район Сичэн принимает форум «Финансовая улица» — общенациональную площадку "
            "открытости, которая помогает в полной мере применять науку и технологии в финансах.",
            "fr": "Le district de Xicheng accueille le Forum de la rue de la Finance, "
            "plateforme nationale d'ouverture qui aide à mettre pleinement la science et la "
            "technologie au service de la finance.",
            "es": "El distrito de Xicheng acoge el Foro de la Calle Financiera, plataforma "
            "nacional de apertura que ayuda a aplicar plenamente la ciencia y la tecnología "
            "en las finanzas.",
            "ar": "تستضيف منطقة شيتشنغ منتدى شارع المال، وهو منصة وطنية للانفتاح تسهم في "
            "التطبيق الكامل للعلوم والتكنولوجيا في مجال المال.",
        },
        "edition": {
            "category": Event.Category.FORUM,
            "days_ahead": 240,
            "hours": ((9, 0), (17, 30)),
            "venue": "beijing-financial-street",
            "languages": ["zh", "en"],
            "summary": {
                "zh_hans": "在北京金融街举行的一天论坛，聚焦金融开放与金融科技。",
                "en": "A one-day forum on Beijing Financial Street on opening up finance and "
                "on financial technology.",
                "ja": "北京金融街で開かれる1日のフォーラム。金融の開放とフィンテックがテーマです。",
                "ru": "Однодневный форум на Пекинской Финансовой улице, посвящённый открытости "
                "финансового сектора и финтеху.",
                "fr": "Un forum d'une journée sur la rue de la Finance de Pékin, consacré à "
                "l'ouverture financière et à la fintech.",
                "es": "Un foro de un día en la Calle Financiera de Pekín sobre la apertura "
                "financiera y la tecnología financiera.",
                "ar": "منتدى ليوم واحد في شارع المال في بكين حول الانفتاح المالي "
                "والتكنولوجيا المالية.",
            },
        },
    },
    {
        "slug": "global-fintech-summit",
        "name": {
            "zh_hans": "全球金融科技大会",
            "en": "Global Fintech Summit",
            "ja": "グローバル・フィンテック・サミット",
            "ru": "Глобальный финтех-саммит",
            "fr": "Sommet mondial de la fintech",
            "es": "Cumbre Global de Tecnología Financiera",
            "ar": "القمة العالمية للتكنولوجيا المالية",
        },
        "summary": {
            "zh_hans": "西城区承办全球金融科技大会，依托这一国家级开放平台推动科技在金融领域的"
            "充分应用。",
            "en": "Xicheng District hosts the Global Fintech Summit, a national-level platform "
            "for opening up that helps apply science and technology fully in finance.",
            "ja": "西城区は国家級の開放プラットフォームであるグローバル・フィンテック・サミットを"
            "開催し、金融分野での科学技術の活用を推進しています。",
            "ru": "Район Сичэн принимает Глобальный финтех-саммит — общенациональную площадку "
            "открытости, которая помогает в полной мере применять науку и технологии в финансах.",
            "fr": "Le district de Xicheng accueille le Sommet mondial de la fintech, plateforme "
            "nationale d'ouverture qui aide à mettre pleinement la science et la technologie "
            "au service de la finance.",
            "es": "El distrito de Xicheng acoge la Cumbre Global de Tecnología Financiera, "
            "plataforma nacional de apertura que ayuda a aplicar plenamente la ciencia y la "
            "tecnología en las finanzas.",
            "ar": "تستضيف منطقة شيتشنغ القمة العالمية للتكنولوجيا المالية، وهي منصة وطنية "
            "للانفتاح تسهم في التطبيق الكامل للعلوم والتكنولوجيا في مجال المال.",
        },
        "edition": {
            "category": Event.Category.FORUM,
            "days_ahead": 210,
            "hours": ((9, 0), (17, 30)),
            "venue": "beijing-financial-street",
            "languages": ["zh", "en"],
            "capacity": 500,
            "summary": {
                "zh_hans": "为期一天的大会，探讨科技在金融领域的应用。",
                "en": "A one-day summit on applying science and technology in finance.",
                "ja": "金融分野での科学技術の活用をテーマとする1日のサミット。",
                "ru": "Однодневный саммит о применении науки и технологий в финансах.",
                "fr": "Un sommet d'une journée sur l'application de la science et de la "
                "technologie à la finance.",
                "es": "Una cumbre de un día sobre la aplicación de la ciencia y la tecnología "
                "en las finanzas.",
                "ar": "قمة ليوم واحد حول تطبيق العلوم والتكنولوجيا في مجال المال.",
            },
        },
    },
    {
        "slug": "financial-street-foreign-language-performance",
        "name": {
            "zh_hans": "金融街外语展演",
            "en": "Foreign Language Performance of the Financial Street",
            "ja": "金融街外国語パフォーマンス",
            "ru": "Выступления на иностранных языках на Финансовой улице",
            "fr": "Spectacle en langues étrangères de la rue de la Finance",
            "es": "Espectáculo en Lenguas Extranjeras de la Calle Financiera",
            "ar": "عرض اللغات الأجنبية في شارع المال",
        },
        "summary": {
            "zh_hans": "为落实《北京市国际交往语言环境建设条例》，金融街外语展演已连续举办四年，"
            "带动更多市民说外语。",
            "en": "Held for four consecutive years to implement the Regulations of Beijing "
            "Municipality on Improving Language Environment for International Exchanges, it "
            "engages more citizens to speak foreign languages.",
            "ja": "「北京市国際交流言語環境建設条例」の実施に向けて4年連続で開催され、"
            "より多くの市民が外国語を話すきっかけとなっています。",
            "ru": "Выступления проводятся четыре года подряд во исполнение Положения Пекина "
            "об улучшении языковой среды для международных обменов и вовлекают всё больше "
            "горожан в общение на иностранных языках.",
            "fr": "Organisé quatre années de suite en application du Règlement de la "
            "municipalité de Pékin sur l'amélioration de l'environnement linguistique des "
            "échanges internationaux, il incite davantage d'habitants à parler des langues "
            "étrangères.",
            "es": "Celebrado durante cuatro años consecutivos en aplicación del Reglamento del "
            "Municipio de Pekín sobre la mejora del entorno lingüístico para los intercambios "
            "internacionales, anima a más ciudadanos a hablar lenguas extranjeras.",
            "ar": "أُقيم على مدى أربع سنوات متتالية تطبيقًا للوائح بلدية بكين بشأن تحسين "
            "البيئة اللغوية للتبادلات الدولية، ويشجّع مزيدًا من المواطنين على التحدث "
            "باللغات الأجنبية.",
        },
        "edition": {
            "category": Event.Category.PERFORMANCE,
            "days_ahead": 270,
            "hours": ((14, 0), (17, 0)),
            "venue": "beijing-financial-street",
            "languages": ["zh", "en", "ja", "ru", "fr", "es", "ar"],
            "capacity": 300,
            "summary": {
                "zh_hans": "市民用外语登台展演的一个下午。",
                "en": "An afternoon of residents performing on stage in foreign languages.",
                "ja": "市民が外国語で舞台に立つ午後のパフォーマンス。",
                "ru": "Дневная программа, в которой жители выступают на сцене на иностранных "
                "языках.",
                "fr": "Un après-midi où des habitants montent sur scène en langues étrangères.",
                "es": "Una tarde en la que vecinos actúan sobre el escenario en lenguas "
                "extranjeras.",
                "ar": "فترة بعد الظهر يعتلي فيها السكان المسرح ليقدّموا عروضًا باللغات الأجنبية.",
            },
        },
    },
]

# --- Upcoming exchanges, invented to show online events and registration ---------------

NAKANO_ONLINE = {
    "slug": "nakano-online-exchange-sample",
    "category": Event.Category.EXCHANGE,
    "days_ahead": 95,
    "hours": ((14, 0), (15, 30)),
    "is_online": True,
    "join_url": SAMPLE_JOIN_URL,
    "partners": ["nakano"],
    "languages": ["zh", "ja"],
    "takes_registrations": True,
    "capacity": 100,
    "organiser": FOREIGN_AFFAIRS_OFFICE,
    "title": {
        "zh_hans": "与中野区的线上交流（示例）",
        "en": "Online exchange with Nakano City (sample)",
        "ja": "中野区とのオンライン交流（サンプル）",
        "ru": "Онлайн-обмен с Накано (пример)",
        "fr": "Échange en ligne avec Nakano (exemple)",
        "es": "Intercambio en línea con Nakano (ejemplo)",
        "ar": "تبادل إلكتروني مع ناكانو (مثال)",
    },
    "summary": {
        "zh_hans": "西城区与东京都中野区居民的线上交流会。",
        "en": "An online meeting between residents of Xicheng District and Nakano City, Tokyo.",
        "ja": "西城区と東京都中野区の住民によるオンライン交流会。",
        "ru": "Онлайн-встреча жителей района Сичэн и города Накано (Токио).",
        "fr": "Une rencontre en ligne entre habitants du district de Xicheng et de la ville "
        "de Nakano (Tokyo).",
        "es": "Un encuentro en línea entre vecinos del distrito de Xicheng y de la ciudad de "
        "Nakano (Tokio).",
        "ar": "لقاء إلكتروني بين سكان منطقة شيتشنغ ومدينة ناكانو في طوكيو.",
    },
    "sample_note": {
        "zh_hans": "整场活动均为示例数据：来源文章提到与中野区的友好关系，但未提及这次交流。",
        "en": "This whole event is sample data: the source article names the sister-city ties "
        "with Nakano City, not this exchange.",
        "ja": "このイベントはすべてサンプルデータです。出典記事は中野区との友好関係に"
        "触れていますが、この交流には触れていません。",
        "ru": "Всё это мероприятие — демонстрационные данные: статья-источник упоминает "
        "побратимские связи с Накано, но не этот обмен.",
        "fr": "Tout cet événement est une donnée d'exemple : l'article source cite le jumelage "
        "avec Nakano, pas cet échange.",
        "es": "Todo este evento es un dato de ejemplo: el artículo de origen menciona el "
        "hermanamiento con Nakano, no este intercambio.",
        "ar": "هذه الفعالية كلها بيانات تجريبية: يذكر المقال المصدر علاقة التوأمة مع "
        "ناكانو، لا هذا التبادل.",
    },
}

MINSK_ONLINE = {
    "slug": "minsk-lenin-district-online-exchange-sample",
    "category": Event.Category.EXCHANGE,
    "days_ahead": 70,
    # 15:00 in Beijing is 10:00 in Minsk.
    "hours": ((15, 0), (16, 30)),
    "is_online": True,
    "join_url": MINSK_JOIN_URL,
    "partners": ["minsk-lenin-district"],
    "languages": ["zh", "ru"],
    "takes_registrations": True,
    "capacity": 50,
    "organiser": FOREIGN_AFFAIRS_OFFICE,
    "title": {
        "zh_hans": "与明斯克市列宁区的线上交流（示例）",
        "en": "Online exchange with Lenin District of Minsk (sample)",
        "ja": "ミンスク市レーニン地区とのオンライン交流（サンプル）",
        "ru": "Онлайн-обмен с Ленинским районом Минска (пример)",
        "fr": "Échange en ligne avec le district Lénine de Minsk (exemple)",
        "es": "Intercambio en línea con el distrito Lenin de Minsk (ejemplo)",
        "ar": "تبادل إلكتروني مع حي لينين في مينسك (مثال)",
    },
    "summary": {
        "zh_hans": "西城区与白俄罗斯明斯克市列宁区居民和企业的线上交流会。",
        "en": "An online meeting of residents and enterprises of Xicheng District and Lenin "
        "District of Minsk, Belarus.",
        "ja": "西城区とベラルーシ・ミンスク市レーニン地区の住民と企業によるオンライン交流会。",
        "ru": "Онлайн-встреча жителей и предприятий района Сичэн и Ленинского района Минска "
        "(Беларусь).",
        "fr": "Une rencontre en ligne entre habitants et entreprises du district de Xicheng et "
        "du district Lénine de Minsk (Biélorussie).",
        "es": "Un encuentro en línea entre vecinos y empresas del distrito de Xicheng y del "
        "distrito Lenin de Minsk (Bielorrusia).",
        "ar": "لقاء إلكتروني بين سكان وشركات منطقة شيتشنغ وحي لينين في مينسك (بيلاروس).",
    },
    "sample_note": {
        "zh_hans": "整场活动均为示例数据：来源文章提到与明斯克市列宁区的交往和一次企业线上推介会，"
        "但未提及这次交流。",
        "en": "This whole event is sample data: the source article names the ties with Lenin "
        "District of Minsk and a past online promotion event for enterprises, not this exchange.",
        "ja": "このイベントはすべてサンプルデータです。出典記事はミンスク市レーニン地区との交流と"
        "企業向けオンライン説明会に触れていますが、この交流には触れていません。",
        "ru": "Всё это мероприятие — демонстрационные данные: статья-источник упоминает связи "
        "с Ленинским районом Минска и прошедшую онлайн-презентацию для предприятий, но не этот "
        "обмен.",
        "fr": "Tout cet événement est une donnée d'exemple : l'article source cite les liens avec "
        "le district Lénine de Minsk et une présentation en ligne passée pour les entreprises, "
        "pas cet échange.",
        "es": "Todo este evento es un dato de ejemplo: el artículo de origen menciona los lazos "
        "con el distrito Lenin de Minsk y una presentación en línea pasada para empresas, no "
        "este intercambio.",
        "ar": "هذه الفعالية كلها بيانات تجريبية: يذكر المقال المصدر العلاقات مع حي لينين في "
        "مينسك وفعالية ترويجية إلكترونية سابقة للشركات، لا هذا التبادل.",
    },
}

# --- Past exchanges the article names ---------------------------------------------------


def _on(day: date, start: tuple[int, int], end: tuple[int, int]) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, time(*start), tzinfo=ZONE),
        datetime.combine(day, time(*end), tzinfo=ZONE),
    )


PAST = [
    {
        "slug": "nakano-35th-anniversary-online-celebration",
        "category": Event.Category.EXCHANGE,
        # The year follows from the 35th anniversary; the day is the partner demo's sample.
        "schedule": _on(date(2021, 11, 1), (14, 0), (15, 30)),
        "is_online": True,
        "partners": ["nakano"],
        "languages": ["zh", "ja"],
        "organiser": FOREIGN_AFFAIRS_OFFICE,
        "title": {
            "zh_hans": "西城区与中野区结好35周年线上庆祝活动",
            "en": "Online celebration of the 35th anniversary of sister-city ties with Nakano City",
            "ja": "西城区・中野区友好提携35周年オンライン記念行事",
            "ru": "Онлайн-празднование 35-летия побратимских связей с Накано",
            "fr": "Célébration en ligne du 35e anniversaire du jumelage avec Nakano",
            "es": "Celebración en línea del 35.º aniversario del hermanamiento con Nakano",
            "ar": "احتفال إلكتروني بالذكرى الخامسة والثلاثين للتوأمة مع ناكانو",
        },
        "summary": {
            "zh_hans": "西城区与东京都中野区以线上方式庆祝结好35周年，并签署友好合作备忘录。",
            "en": "Xicheng District and Nakano City, Tokyo, celebrated the 35th anniversary of "
            "their sister-city ties online and signed a memorandum of understanding on "
            "friendly cooperation.",
            "ja": "西城区と東京都中野区が友好提携35周年をオンラインで祝い、"
            "友好協力に関する覚書を締結しました。",
            "ru": "Район Сичэн и город Накано (Токио) отметили 35-летие побратимских связей "
            "в онлайн-формате и подписали меморандум о дружественном сотрудничестве.",
            "fr": "Le district de Xicheng et la ville de Nakano (Tokyo) ont célébré en ligne le "
            "35e anniversaire de leur jumelage et signé un protocole d'accord de coopération "
            "amicale.",
            "es": "El distrito de Xicheng y la ciudad de Nakano (Tokio) celebraron en línea el "
            "35.º aniversario de su hermanamiento y firmaron un memorando de entendimiento "
            "sobre cooperación amistosa.",
            "ar": "احتفلت منطقة شيتشنغ ومدينة ناكانو في طوكيو عبر الإنترنت بالذكرى الخامسة "
            "والثلاثين لعلاقة التوأمة بينهما، ووقّعتا مذكرة تفاهم بشأن التعاون الودي.",
        },
        "sample_note": {
            "zh_hans": "年份据结好35周年推算；具体日期、时间和主办单位为示例数据。",
            "en": "The year follows from the 35th anniversary of ties; the exact date, the "
            "times and the organiser are sample data.",
            "ja": "年は友好提携35周年から算出。正確な日付、時間、主催者はサンプルデータです。",
            "ru": "Год следует из 35-летия связей; точная дата, время и организатор — "
            "демонстрационные данные.",
            "fr": "L'année découle du 35e anniversaire du jumelage ; la date exacte, les "
            "horaires et l'organisateur sont des données d'exemple.",
            "es": "El año se deduce del 35.º aniversario del hermanamiento; la fecha exacta, "
            "el horario y el organizador son datos de ejemplo.",
            "ar": "السنة مستنتجة من الذكرى الخامسة والثلاثين للعلاقات؛ أما التاريخ الدقيق "
            "والتوقيت والجهة المنظمة فبيانات تجريبية.",
        },
    },
    {
        "slug": "tokyo-online-calligraphy-exchange",
        "category": Event.Category.EXCHANGE,
        "schedule": _on(date(2021, 12, 10), (15, 0), (16, 30)),
        "is_online": True,
        "partners": ["nakano"],
        "languages": ["zh", "ja"],
        "organiser": FOREIGN_AFFAIRS_OFFICE,
        "sample_note": PAST_NOTE,
        "title": {
            "zh_hans": "与东京的书法线上交流",
            "en": "Online calligraphy exchange with Tokyo",
            "ja": "東京との書道オンライン交流",
            "ru": "Онлайн-обмен по каллиграфии с Токио",
            "fr": "Échange en ligne de calligraphie avec Tokyo",
            "es": "Intercambio de caligrafía en línea con Tokio",
            "ar": "تبادل إلكتروني في فن الخط مع طوكيو",
        },
        "summary": {
            "zh_hans": "西城区与东京开展的书法线上交流活动。",
            "en": "An online exchange on calligraphy between Xicheng District and Tokyo.",
            "ja": "西城区と東京の間で行われた書道のオンライン交流。",
            "ru": "Онлайн-обмен по каллиграфии между районом Сичэн и Токио.",
            "fr": "Un échange en ligne consacré à la calligraphie entre le district de Xicheng "
            "et Tokyo.",
            "es": "Un intercambio en línea sobre caligrafía entre el distrito de Xicheng y Tokio.",
            "ar": "تبادل إلكتروني في فن الخط بين منطقة شيتشنغ وطوكيو.",
        },
    },
    {
        "slug": "tokyo-online-floral-art-exchange",
        "category": Event.Category.EXCHANGE,
        "schedule": _on(date(2022, 3, 18), (15, 0), (16, 30)),
        "is_online": True,
        "partners": ["nakano"],
        "languages": ["zh", "ja"],
        "organiser": FOREIGN_AFFAIRS_OFFICE,
        "sample_note": PAST_NOTE,
        "title": {
            "zh_hans": "与东京的花艺线上交流",
            "en": "Online floral art exchange with Tokyo",
            "ja": "東京との華道オンライン交流",
            "ru": "Онлайн-обмен по искусству аранжировки цветов с Токио",
            "fr": "Échange en ligne d'art floral avec Tokyo",
            "es": "Intercambio de arte floral en línea con Tokio",
            "ar": "تبادل إلكتروني في فن تنسيق الزهور مع طوكيو",
        },
        "summary": {
            "zh_hans": "西城区与东京开展的花艺线上交流活动。",
            "en": "An online exchange on floral art between Xicheng District and Tokyo.",
            "ja": "西城区と東京の間で行われた華道のオンライン交流。",
            "ru": "Онлайн-обмен по искусству аранжировки цветов между районом Сичэн и Токио.",
            "fr": "Un échange en ligne consacré à l'art floral entre le district de Xicheng "
            "et Tokyo.",
            "es": "Un intercambio en línea sobre arte floral entre el distrito de Xicheng y Tokio.",
            "ar": "تبادل إلكتروني في فن تنسيق الزهور بين منطقة شيتشنغ وطوكيو.",
        },
    },
    {
        "slug": "minsk-lenin-district-online-enterprise-promotion",
        "category": Event.Category.EXCHANGE,
        # 15:00 in Beijing is 10:00 in Minsk.
        "schedule": _on(date(2022, 5, 20), (15, 0), (17, 0)),
        "is_online": True,
        "partners": ["minsk-lenin-district"],
        "languages": ["zh", "ru"],
        "organiser": FOREIGN_AFFAIRS_OFFICE,
        "sample_note": PAST_NOTE,
        "title": {
            "zh_hans": "与明斯克市列宁区的企业线上推介会",
            "en": "Online promotion event for enterprises with Lenin District of Minsk",
            "ja": "ミンスク市レーニン地区との企業向けオンライン説明会",
            "ru": "Онлайн-презентация для предприятий с Ленинским районом Минска",
            "fr": "Présentation en ligne pour les entreprises avec le district Lénine de Minsk",
            "es": "Presentación en línea para empresas con el distrito Lenin de Minsk",
            "ar": "فعالية ترويجية إلكترونية للشركات مع حي لينين في مينسك",
        },
        "summary": {
            "zh_hans": "西城区与白俄罗斯明斯克市列宁区举办企业线上推介会，充分挖掘经贸合作潜力。",
            "en": "An online promotion event for enterprises with Lenin District of Minsk, "
            "Belarus, to unlock the full potential of cooperation on trade.",
            "ja": "貿易協力の潜在力を最大限に引き出すため、ベラルーシ・ミンスク市レーニン地区と"
            "開いた企業向けオンライン説明会。",
            "ru": "Онлайн-презентация для предприятий с Ленинским районом Минска (Беларусь), "
            "чтобы полностью раскрыть потенциал торгового сотрудничества.",
            "fr": "Une présentation en ligne pour les entreprises avec le district Lénine de "
            "Minsk (Biélorussie), pour libérer tout le potentiel de la coopération "
            "commerciale.",
            "es": "Una presentación en línea para empresas con el distrito Lenin de Minsk "
            "(Bielorrusia), para aprovechar todo el potencial de la cooperación comercial.",
            "ar": "فعالية ترويجية إلكترونية للشركات مع حي لينين في مينسك (بيلاروس) لإطلاق "
            "كامل إمكانات التعاون التجاري.",
        },
    },
    {
        "slug": "international-sister-city-symposium",
        "category": Event.Category.FORUM,
        "schedule": _on(date(2022, 6, 16), (9, 30), (12, 0)),
        "location": XICHENG,
        "languages": ["zh", "en"],
        "organiser": FOREIGN_AFFAIRS_OFFICE,
        "title": {
            "zh_hans": "国际友城研讨会",
            "en": "International sister-city symposium",
            "ja": "国際友好都市シンポジウム",
            "ru": "Международный симпозиум городов-побратимов",
            "fr": "Symposium international des villes jumelles",
            "es": "Simposio internacional de ciudades hermanas",
            "ar": "ندوة دولية للمدن التوأم",
        },
        "summary": {
            "zh_hans": "围绕如何扩大国际“朋友圈”、助力西城区高质量发展举办的国际友城研讨会。",
            "en": "An international sister-city symposium on how to expand the circle of "
            "international friends to help promote the high-quality development of Xicheng "
            "District.",
            "ja": "国際的な友好の輪を広げ、西城区の質の高い発展を後押しする方策を話し合った"
            "国際友好都市シンポジウム。",
            "ru": "Международный симпозиум городов-побратимов о том, как расширить круг "
            "международных друзей в интересах качественного развития района Сичэн.",
            "fr": "Un symposium international des villes jumelles sur l'élargissement du cercle "
            "des amis internationaux au service d'un développement de qualité du district de "
            "Xicheng.",
            "es": "Un simposio internacional de ciudades hermanas sobre cómo ampliar el círculo "
            "de amigos internacionales para impulsar el desarrollo de alta calidad del "
            "distrito de Xicheng.",
            "ar": "ندوة دولية للمدن التوأم حول توسيع دائرة الأصدقاء الدوليين دعمًا للتنمية "
            "عالية الجودة في منطقة شيتشنغ.",
        },
        "sample_note": {
            "zh_hans": "来源文章提到这次研讨会，但未说明时间和地点；日期、时间、地点和主办单位"
            "为示例数据。",
            "en": "The source article names this symposium but not when or where it took "
            "place; the date, times, place and organiser are sample data.",
            "ja": "出典記事はこのシンポジウムに触れていますが、時期と場所は示していません。"
            "日付、時間、場所、主催者はサンプルデータです。",
            "ru": "Статья-источник упоминает этот симпозиум, но не его дату и место; дата, "
            "время, место и организатор — демонстрационные данные.",
            "fr": "L'article source cite ce symposium sans en donner la date ni le lieu ; la "
            "date, les horaires, le lieu et l'organisateur sont des données d'exemple.",
            "es": "El artículo de origen menciona este simposio, pero no su fecha ni su lugar; "
            "la fecha, el horario, el lugar y el organizador son datos de ejemplo.",
            "ar": "يذكر المقال المصدر هذه الندوة دون تحديد موعدها أو مكانها؛ فالتاريخ والتوقيت "
            "والمكان والجهة المنظمة بيانات تجريبية.",
        },
    },
]

UPCOMING_EXCHANGES = [NAKANO_ONLINE, MINSK_ONLINE]
_ALL = [data["edition"] for data in SERIES] + [*UPCOMING_EXCHANGES, *PAST]
CITY_SLUGS = {slug for data in _ALL for slug in data.get("partners", [])}
VENUE_SLUGS = {data["venue"] for data in _ALL if data.get("venue")}
LANGUAGE_CODES = {code for data in _ALL for code in data["languages"]}


def _ensure_dependencies(demo: DemoLoad) -> None:
    """Load the partners' and venues' demo first where what events point to is missing."""
    if SisterCity.objects.filter(slug__in=CITY_SLUGS).count() < len(CITY_SLUGS):
        sister_demo.load()
    if Venue.objects.filter(slug__in=VENUE_SLUGS).count() < len(VENUE_SLUGS):
        venue_demo.load()
    venue_demo.ensure_lookups(demo, {ServiceLanguage: LANGUAGE_CODES})


def _first_day(data, today: date) -> date:
    if "month" in data:
        earliest = today + timedelta(days=MIN_DAYS_AHEAD)
        first = date(earliest.year, data["month"], 1)
        return first if first >= earliest else date(earliest.year + 1, data["month"], 1)
    return today + timedelta(days=data["days_ahead"])


def _schedule(data, today: date) -> tuple[datetime, datetime]:
    """Aware start and end in Beijing time, relative to `today`."""
    first = _first_day(data, today)
    if "all_day_days" in data:
        last = first + timedelta(days=data["all_day_days"] - 1)
        return (
            datetime.combine(first, time.min, tzinfo=ZONE),
            datetime.combine(last, time(23, 59, 59), tzinfo=ZONE),
        )
    return _on(first, *data["hours"])


def _edition(series_data, series: EventSeries, today: date) -> dict:
    """The upcoming edition of a series, named after the year it starts in."""
    data = series_data["edition"]
    starts_at, ends_at = _schedule(data, today)
    year = starts_at.year
    name = series_data["name"]
    title = {lang: f"{text} {year}" for lang, text in name.items()}
    title["zh_hans"] = f"{year}年{name['zh_hans']}"
    title["ja"] = f"{name['ja']}{year}"
    return {
        **data,
        "slug": f"{series_data['slug']}-{year}",
        "series": series,
        "schedule": (starts_at, ends_at),
        "all_day": "all_day_days" in data,
        "title": title,
        "organiser": DISTRICT_GOVERNMENT,
        "sample_note": data.get("sample_note", EDITION_NOTE),
    }


def _create_series(data) -> EventSeries:
    series = EventSeries(slug=data["slug"])
    for field in ("name", "summary"):
        for lang in field_suffixes():
            setattr(series, f"{field}_{lang}", data[field].get(lang, ""))
    series.status = PublishingStatus.PUBLISHED
    series.full_clean()
    series.save()
    return series


def _create_event(data, today: date) -> Event:
    """The event with its relations and, while registration is open, its sample registrants."""
    data = _registration_window(data, today)
    event = Event(slug=data["slug"], series=data.get("series"), category=data["category"])
    event.starts_at, event.ends_at = data["schedule"]
    event.time_zone = DEFAULT_TIME_ZONE
    event.all_day = data.get("all_day", False)
    event.venue = Venue.objects.get(slug=data["venue"]) if data.get("venue") else None
    event.is_online = data.get("is_online", False)
    event.join_url = data.get("join_url", "")
    event.event_status = data.get("event_status", Event.Status.SCHEDULED)
    event.takes_registrations = data.get("takes_registrations", False)
    event.capacity = data.get("capacity")
    event.registration_opens_at = data.get("registration_opens_at")
    event.registration_closes_at = data.get("registration_closes_at")
    for field in ("title", "summary", "organiser", "location", "sample_note"):
        values = data.get(field, {})
        # The site's languages: one the demo has no text in keeps its columns empty.
        for lang in field_suffixes():
            setattr(event, f"{field}_{lang}", values.get(lang, ""))
    event.status = PublishingStatus.PUBLISHED
    event.is_sample = True
    event_create(event=event)
    event.partner_cities.set(SisterCity.objects.filter(slug__in=data.get("partners", [])))
    event.languages.set(ServiceLanguage.objects.filter(code__in=data["languages"]))
    _create_registrations(event, data.get("sample_registrants", []))
    return event


def _registration_window(data, today: date) -> dict:
    """Registration open from the day the demo is loaded until a day before the start."""
    if not data.get("takes_registrations"):
        return data
    starts_at = data["schedule"][0]
    return {
        **data,
        "registration_opens_at": datetime.combine(today, time.min, tzinfo=ZONE),
        "registration_closes_at": starts_at - timedelta(days=1),
    }


def _create_registrations(event: Event, registrants) -> None:
    """The invented registrants, through the same service as the site's form.

    While the event does not take registrations (for instance the demo is dated from a
    day still to come) none are made.
    """
    for registrant in registrants:
        try:
            registration_create(event_id=event.pk, **registrant)
        except RegistrationClosed:
            break


def load() -> str:
    """Create whichever demo series, upcoming editions and past exchanges are missing."""
    demo = DemoLoad()
    _ensure_dependencies(demo)
    today = timezone.localdate()
    events = []
    for data in SERIES:
        create = partial(_create_series, data)
        series = demo.ensure("series", EventSeries, create, slug=data["slug"])
        events.append(_edition(data, series, today))
    events.extend({**data, "schedule": _schedule(data, today)} for data in UPCOMING_EXCHANGES)
    events.extend(PAST)
    for data in events:
        demo.ensure("events", Event, partial(_create_event, data, today), slug=data["slug"])
    return str(demo)
