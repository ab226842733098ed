from modeltranslation.translator import TranslationOptions, register

from .models import HomePage


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("title", "intro", "body", "hero_image_alt")
    required_languages = ("zh-hans",)
