"""Demo content of the portal app: the home page, from the district's published article."""

from apps.core.demo_loading import DemoLoad

from .models import HomePage

TITLE = {
    "zh_hans": "西城区国际交往门户",
    "en": "Xicheng International Exchange Portal",
    "ja": "西城区国際交流ポータル",
    "ru": "Портал международных обменов района Сичэн",
    "fr": "Portail des échanges internationaux de Xicheng",
    "es": "Portal de Intercambio Internacional de Xicheng",
    "ar": "بوابة التبادل الدولي لمنطقة شيتشنغ",
}

INTRO = {
    "zh_hans": (
        "西城区与四大洲20个国家的24个城市（区）建立了友好关系。"
        "在这里了解友好城市、国际文化活动、涉外服务包和涉外活动场所。"
    ),
    "en": (
        "Xicheng District has sister-city ties with 24 cities and districts in 20 countries "
        "on four continents. Find partner cities, international events, foreign-affairs "
        "service packages and venues here."
    ),
    "ja": (
        "西城区は4大陸20か国の24都市（区）と友好関係を結んでいます。"
        "友好都市、国際イベント、外事サービスパッケージ、施設をご紹介します。"
    ),
    "ru": (
        "Район Сичэн поддерживает побратимские связи с 24 городами и районами 20 стран "
        "на четырёх континентах. Здесь — города-партнёры, международные мероприятия, "
        "пакеты услуг для предприятий и площадки."
    ),
    "fr": (
        "Le district de Xicheng est jumelé avec 24 villes et districts de 20 pays sur "
        "quatre continents. Découvrez ici les villes partenaires, les événements "
        "internationaux, les services aux entreprises et les lieux d'accueil."
    ),
    "es": (
        "El distrito de Xicheng mantiene hermanamientos con 24 ciudades y distritos de 20 "
        "países en cuatro continentes. Aquí encontrará ciudades hermanas, eventos "
        "internacionales, paquetes de servicios para empresas y espacios."
    ),
    "ar": (
        "ترتبط منطقة شيتشنغ بعلاقات توأمة مع 24 مدينة ومنطقة في 20 دولة عبر أربع قارات. "
        "تعرّف هنا على المدن الشقيقة والفعاليات الدولية وحزم الخدمات للشركات والأماكن."
    ),
}

HERO_ALT = {
    "zh_hans": "什刹海畔的胡同与钟鼓楼",
    "en": "Hutongs and the Drum and Bell Towers by Shichahai",
    "ja": "什刹海のほとりの胡同と鐘鼓楼",
    "ru": "Хутуны и Барабанная и Колокольная башни у Шичахая",
    "fr": "Les hutongs et les tours du Tambour et de la Cloche près de Shichahai",
    "es": "Hutongs y las torres del Tambor y la Campana junto a Shichahai",
    "ar": "الأزقة التقليدية وبرجا الطبل والجرس قرب شيتشاهاي",
}


def _create_page() -> HomePage:
    page = HomePage(is_sample=False)
    for lang, text in TITLE.items():
        setattr(page, f"title_{lang}", text)
        setattr(page, f"intro_{lang}", INTRO[lang])
        setattr(page, f"hero_image_alt_{lang}", HERO_ALT[lang])
    page.full_clean()
    page.save()
    return page


def load() -> str:
    """Create the home page in all seven languages unless the site already has one."""
    demo = DemoLoad()
    # The site has one home page, whatever it says: any row counts as existing.
    demo.ensure("home page", HomePage, _create_page)
    return str(demo)
