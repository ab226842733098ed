"""Demo partners: the two the district's published article names, in seven languages.

The article says: sister-city ties with Nakano City, Tokyo, whose 35th anniversary was
celebrated online with a memorandum on friendly cooperation (so ties date from 1986),
online calligraphy and floral-art exchanges with Tokyo, and an online promotion event
for enterprises with Lenin District of Minsk, Belarus. Everything it does not say (days,
months, the Minsk date, coordinates of a district) is marked as sample data.
"""

from datetime import date
from decimal import Decimal
from functools import partial

from apps.core.demo_loading import DemoLoad
from apps.core.i18n import field_suffixes
from apps.core.models import PublishingStatus

from .models import Agreement, SisterCity

NAKANO = {
    "slug": "nakano",
    "native_name": "中野区",
    "country": "JP",
    "kind": SisterCity.Kind.SISTER_CITY,
    "established_on": date(1986, 11, 1),
    "latitude": Decimal("35.70735"),
    "longitude": Decimal("139.66380"),
    "website": "https://www.city.tokyo-nakano.lg.jp/",
    "name": {
        "zh_hans": "东京都中野区",
        "en": "Nakano City, Tokyo",
        "ja": "東京都中野区",
        "ru": "Накано (Токио)",
        "fr": "Nakano (Tokyo)",
        "es": "Nakano (Tokio)",
        "ar": "ناكانو، طوكيو",
    },
    "region": {
        "zh_hans": "东京都",
        "en": "Tokyo",
        "ja": "東京都",
        "ru": "Токио",
        "fr": "Tokyo",
        "es": "Tokio",
        "ar": "طوكيو",
    },
    "summary": {
        "zh_hans": "西城区与东京都中野区的友好关系已走过三十五年，双方以线上方式庆祝了结好35周年。",
        "en": "Xicheng District and Nakano City, Tokyo, have been sister cities for over "
        "thirty-five years; the 35th anniversary of ties was celebrated online.",
        "ja": "西城区と東京都中野区の友好関係は35年を超え、"
        "友好提携35周年はオンラインで祝われました。",
        "ru": "Район Сичэн и город Накано (Токио) — побратимы более тридцати пяти лет; "
        "35-летие связей отметили в онлайн-формате.",
        "fr": "Le district de Xicheng et la ville de Nakano (Tokyo) sont jumelés depuis plus "
        "de trente-cinq ans ; le 35e anniversaire a été célébré en ligne.",
        "es": "El distrito de Xicheng y la ciudad de Nakano (Tokio) están hermanados desde "
        "hace más de treinta y cinco años; el 35.º aniversario se celebró en línea.",
        "ar": "ترتبط منطقة شيتشنغ ومدينة ناكانو في طوكيو بعلاقة توأمة منذ أكثر من خمسة "
        "وثلاثين عامًا، واحتُفل بالذكرى الخامسة والثلاثين عبر الإنترنت.",
    },
    "body": {
        "zh_hans": "在结好35周年线上庆祝活动中，双方签署了友好合作备忘录。\n\n"
        "西城区与东京开展了书法、花艺等线上交流活动。",
        "en": "A memorandum of understanding on friendly cooperation was signed during the "
        "online celebration of the 35th anniversary of the ties.\n\n"
        "Xicheng and Tokyo have also held online exchanges on calligraphy and floral art.",
        "ja": "友好提携35周年のオンライン記念行事で、友好協力に関する覚書が締結されました。\n\n"
        "西城区と東京の間では、書道や華道のオンライン交流も行われています。",
        "ru": "Во время онлайн-празднования 35-летия связей был подписан меморандум "
        "о дружественном сотрудничестве.\n\n"
        "Сичэн и Токио также проводят онлайн-обмены по каллиграфии и искусству "
        "аранжировки цветов.",
        "fr": "Un protocole d'accord de coopération amicale a été signé lors de la "
        "célébration en ligne du 35e anniversaire du jumelage.\n\n"
        "Xicheng et Tokyo organisent aussi des échanges en ligne de calligraphie et d'art "
        "floral.",
        "es": "Durante la celebración en línea del 35.º aniversario se firmó un memorando de "
        "entendimiento sobre cooperación amistosa.\n\n"
        "Xicheng y Tokio también han celebrado intercambios en línea de caligrafía y arte "
        "floral.",
        "ar": "وُقّعت مذكرة تفاهم بشأن التعاون الودي خلال الاحتفال الإلكتروني بالذكرى "
        "الخامسة والثلاثين للعلاقات.\n\n"
        "كما نظّمت شيتشنغ وطوكيو تبادلات إلكترونية في فنّ الخط وتنسيق الزهور.",
    },
    "sample_note": {
        "zh_hans": "结好年份（1986年）据35周年推算；具体月日与备忘录签署日期为示例数据。",
        "en": "The year of ties (1986) follows from the 35th anniversary; the day and month, "
        "and the date of the memorandum, are sample data.",
        "ja": "提携年（1986年）は35周年から算出。月日と覚書の締結日はサンプルデータです。",
        "ru": "Год установления связей (1986) следует из 35-летия; день и месяц, а также "
        "дата меморандума — демонстрационные данные.",
        "fr": "L'année du jumelage (1986) découle du 35e anniversaire ; le jour, le mois et "
        "la date du protocole sont des données d'exemple.",
        "es": "El año del hermanamiento (1986) se deduce del 35.º aniversario; el día, el mes "
        "y la fecha del memorando son datos de ejemplo.",
        "ar": "سنة إقامة العلاقات (1986) مستنتجة من الذكرى الخامسة والثلاثين؛ أما اليوم "
        "والشهر وتاريخ المذكرة فبيانات تجريبية.",
    },
    "agreements": [
        {
            "kind": Agreement.Kind.MEMORANDUM,
            "signed_on": date(2021, 11, 1),
            "title": {
                "zh_hans": "友好合作备忘录",
                "en": "Memorandum of understanding on friendly cooperation",
                "ja": "友好協力に関する覚書",
                "ru": "Меморандум о дружественном сотрудничестве",
                "fr": "Protocole d'accord de coopération amicale",
                "es": "Memorando de entendimiento sobre cooperación amistosa",
                "ar": "مذكرة تفاهم بشأن التعاون الودي",
            },
            "summary": {
                "zh_hans": "在结好35周年线上庆祝活动中签署。",
                "en": "Signed during the online celebration of the 35th anniversary of ties.",
                "ja": "友好提携35周年のオンライン記念行事で締結。",
                "ru": "Подписан во время онлайн-празднования 35-летия связей.",
                "fr": "Signé lors de la célébration en ligne du 35e anniversaire.",
                "es": "Firmado durante la celebración en línea del 35.º aniversario.",
                "ar": "وُقّعت خلال الاحتفال الإلكتروني بالذكرى الخامسة والثلاثين.",
            },
        }
    ],
}

MINSK_LENIN = {
    "slug": "minsk-lenin-district",
    "native_name": "Ленинский район г. Минска",
    "country": "BY",
    "kind": SisterCity.Kind.SISTER_CITY,
    "established_on": date(2016, 6, 1),
    "latitude": Decimal("53.87000"),
    "longitude": Decimal("27.60000"),
    "website": "",
    "name": {
        "zh_hans": "明斯克市列宁区",
        "en": "Lenin District, Minsk",
        "ja": "ミンスク市レーニン地区",
        "ru": "Ленинский район Минска",
        "fr": "District Lénine de Minsk",
        "es": "Distrito Lenin de Minsk",
        "ar": "حي لينين في مينسك",
    },
    "region": {
        "zh_hans": "明斯克市",
        "en": "Minsk",
        "ja": "ミンスク市",
        "ru": "Минск",
        "fr": "Minsk",
        "es": "Minsk",
        "ar": "مينسك",
    },
    "summary": {
        "zh_hans": "西城区与白俄罗斯明斯克市列宁区举办了企业线上推介会，挖掘经贸合作潜力。",
        "en": "Xicheng District and Lenin District of Minsk, Belarus, held an online "
        "promotion event for enterprises to unlock the full potential of trade cooperation.",
        "ja": "西城区とベラルーシ・ミンスク市レーニン地区は、貿易協力の潜在力を引き出すため"
        "企業向けオンライン説明会を開催しました。",
        "ru": "Район Сичэн и Ленинский район Минска (Беларусь) провели онлайн-презентацию "
        "для предприятий, чтобы полнее раскрыть потенциал торгового сотрудничества.",
        "fr": "Le district de Xicheng et le district Lénine de Minsk (Biélorussie) ont tenu "
        "une présentation en ligne pour les entreprises afin de libérer le potentiel de "
        "leur coopération commerciale.",
        "es": "El distrito de Xicheng y el distrito Lenin de Minsk (Bielorrusia) celebraron "
        "una presentación en línea para empresas a fin de aprovechar todo el potencial de "
        "la cooperación comercial.",
        "ar": "نظّمت منطقة شيتشنغ وحي لينين في مينسك (بيلاروس) فعالية ترويجية إلكترونية "
        "للشركات لإطلاق كامل إمكانات التعاون التجاري.",
    },
    "body": {},
    "sample_note": {
        "zh_hans": "结好日期与坐标（区的大致位置）为示例数据。",
        "en": "The date ties were established and the coordinates (the district's rough "
        "position) are sample data.",
        "ja": "提携日と座標（地区のおおよその位置）はサンプルデータです。",
        "ru": "Дата установления связей и координаты (примерное положение района) — "
        "демонстрационные данные.",
        "fr": "La date du jumelage et les coordonnées (position approximative du district) "
        "sont des données d'exemple.",
        "es": "La fecha del hermanamiento y las coordenadas (posición aproximada del "
        "distrito) son datos de ejemplo.",
        "ar": "تاريخ إقامة العلاقات والإحداثيات (الموقع التقريبي للحي) بيانات تجريبية.",
    },
    "agreements": [],
}

TRANSLATED = ("name", "region", "summary", "body", "sample_note")


def _create_city(data) -> SisterCity:
    city = SisterCity(slug=data["slug"])
    for field in ("native_name", "country", "kind", "established_on", "latitude", "longitude"):
        setattr(city, field, data[field])
    city.website = data["website"]
    for field in TRANSLATED:
        for lang in field_suffixes():
            setattr(city, f"{field}_{lang}", data[field].get(lang, ""))
    city.status = PublishingStatus.PUBLISHED
    city.is_sample = True
    city.full_clean()
    city.save()
    for item in data["agreements"]:
        agreement = Agreement(city=city, kind=item["kind"], signed_on=item["signed_on"])
        for field in ("title", "summary"):
            for lang in field_suffixes():
                setattr(agreement, f"{field}_{lang}", item[field].get(lang, ""))
        agreement.full_clean()
        agreement.save()
    return city


def load() -> str:
    """Create whichever of the two partners the source article names is missing."""
    demo = DemoLoad()
    for data in (NAKANO, MINSK_LENIN):
        demo.ensure("partners", SisterCity, partial(_create_city, data), slug=data["slug"])
    return str(demo)
