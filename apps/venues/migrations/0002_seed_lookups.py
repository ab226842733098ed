from django.db import migrations

LANGS = ("zh_hans", "en", "ja", "ru", "fr", "es", "ar")

CATEGORIES = [
    ("culture-tourism", ["文化旅游", "Culture and tourism", "文化・観光", "Культура и туризм", "Culture et tourisme", "Cultura y turismo", "الثقافة والسياحة"]),
    ("business", ["商务", "Business", "ビジネス", "Бизнес", "Affaires", "Negocios", "الأعمال"]),
    ("science-technology", ["科技", "Science and technology", "科学技術", "Наука и технологии", "Science et technologie", "Ciencia y tecnología", "العلوم والتكنولوجيا"]),
    ("education", ["教育", "Education", "教育", "Образование", "Éducation", "Educación", "التعليم"]),
    ("healthcare", ["医疗", "Healthcare", "医療", "Здравоохранение", "Santé", "Salud", "الرعاية الصحية"]),
]

FACILITIES = [
    ("step-free", ["无障碍通行", "Step-free access", "段差のないアクセス", "Доступ без ступенек", "Accès de plain-pied", "Acceso sin escalones", "دخول بلا درج"]),
    ("accessible-toilet", ["无障碍卫生间", "Accessible toilet", "多目的トイレ", "Туалет для людей с инвалидностью", "Toilettes accessibles", "Aseo accesible", "دورة مياه مهيأة"]),
    ("interpretation-booths", ["同声传译间", "Interpretation booths", "同時通訳ブース", "Кабины синхронного перевода", "Cabines d'interprétation", "Cabinas de interpretación", "مقصورات الترجمة الفورية"]),
    ("meeting-rooms", ["会议室", "Meeting rooms", "会議室", "Переговорные комнаты", "Salles de réunion", "Salas de reuniones", "قاعات اجتماعات"]),
    ("parking", ["停车场", "Parking", "駐車場", "Парковка", "Parking", "Aparcamiento", "موقف سيارات"]),
    ("coach-parking", ["大巴停车位", "Coach parking", "大型バス駐車場", "Стоянка для автобусов", "Stationnement des autocars", "Aparcamiento de autocares", "موقف حافلات"]),
    ("wifi", ["无线网络", "Wi-Fi", "Wi-Fi", "Wi-Fi", "Wi-Fi", "Wi-Fi", "واي فاي"]),
    ("audio-guide", ["语音导览", "Audio guide", "音声ガイド", "Аудиогид", "Audioguide", "Audioguía", "دليل صوتي"]),
]

SERVICE_LANGUAGES = [
    ("zh", ["中文", "Chinese", "中国語", "Китайский", "Chinois", "Chino", "الصينية"]),
    ("en", ["英语", "English", "英語", "Английский", "Anglais", "Inglés", "الإنجليزية"]),
    ("ja", ["日语", "Japanese", "日本語", "Японский", "Japonais", "Japonés", "اليابانية"]),
    ("ru", ["俄语", "Russian", "ロシア語", "Русский", "Russe", "Ruso", "الروسية"]),
    ("fr", ["法语", "French", "フランス語", "Французский", "Français", "Francés", "الفرنسية"]),
    ("es", ["西班牙语", "Spanish", "スペイン語", "Испанский", "Espagnol", "Español", "الإسبانية"]),
    ("ar", ["阿拉伯语", "Arabic", "アラビア語", "Арабский", "Arabe", "Árabe", "العربية"]),
    ("de", ["德语", "German", "ドイツ語", "Немецкий", "Allemand", "Alemán", "الألمانية"]),
    ("ko", ["韩语", "Korean", "韓国語", "Корейский", "Coréen", "Coreano", "الكورية"]),
]


def seed(apps, schema_editor):
    for model_name, rows in (
        ("ResourceCategory", CATEGORIES),
        ("Facility", FACILITIES),
        ("ServiceLanguage", SERVICE_LANGUAGES),
    ):
        model = apps.get_model("venues", model_name)
        for position, (code, names) in enumerate(rows):
            values = {f"name_{lang}": name for lang, name in zip(LANGS, names, strict=True)}
            values["name"] = names[0]
            model.objects.update_or_create(code=code, defaults={**values, "position": position})


class Migration(migrations.Migration):
    """The visit-pool categories, facilities and languages staff start with."""

    dependencies = [("venues", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
