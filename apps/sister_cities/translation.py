from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, GalleryImage, SisterCity


@register(SisterCity)
class SisterCityTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "region",
        "summary",
        "body",
        "hero_image_alt",
        "contact_office",
        "sample_note",
    )
    required_languages = ("zh-hans",)


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("zh-hans",)


@register(GalleryImage)
class GalleryImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = ("zh-hans",)
