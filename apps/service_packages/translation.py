from modeltranslation.translator import TranslationOptions, register

from .models import RequiredDocument, ServiceItem, ServicePackage, ServiceStep


@register(ServicePackage)
class ServicePackageTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "audience",
        "description",
        "fees",
        "legal_basis",
        "contact_office",
        "image_alt",
        "sample_note",
    )
    required_languages = ("zh-hans",)


@register(ServiceItem)
class ServiceItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("zh-hans",)


@register(RequiredDocument)
class RequiredDocumentTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("zh-hans",)


@register(ServiceStep)
class ServiceStepTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("zh-hans",)
