from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSeries


@register(EventSeries)
class EventSeriesTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "body", "image_alt")
    required_languages = ("zh-hans",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "organiser", "location", "sample_note")
    required_languages = ("zh-hans",)
