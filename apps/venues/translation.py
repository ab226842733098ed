from modeltranslation.translator import TranslationOptions, register

from .models import Facility, ResourceCategory, Route, RouteStop, ServiceLanguage, Venue, VenueImage


@register(ResourceCategory)
@register(Facility)
@register(ServiceLanguage)
class LookupTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "address",
        "opening_hours",
        "accessibility",
        "visit_information",
        "summary",
        "body",
        "hero_image_alt",
        "sample_note",
    )
    required_languages = ("zh-hans",)


@register(VenueImage)
class VenueImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = ("zh-hans",)


@register(Route)
class RouteTranslationOptions(TranslationOptions):
    fields = ("title", "theme", "summary", "body", "image_alt", "sample_note")
    required_languages = ("zh-hans",)


@register(RouteStop)
class RouteStopTranslationOptions(TranslationOptions):
    fields = ("note",)
