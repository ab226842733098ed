"""The site's languages as tests need them, always read from settings.LANGUAGES.

Adding a language changes settings, not the tests: use these instead of a list of codes.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

# URL prefixes and language codes: "zh-hans", "en", ...
CODES = [code for code, _name in settings.LANGUAGES]
# Suffixes of the translated columns: "zh_hans", "en", ... (`title_zh_hans`).
FIELD_SUFFIXES = [build_localized_fieldname("", code)[1:] for code in CODES]
