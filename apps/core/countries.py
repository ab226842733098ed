"""Countries and regions as every list on the site shows them: one place for their order.

Names come from django-countries with settings.COUNTRIES_OVERRIDE and the site's
catalogs (official usage: "Taiwan, China", "Hong Kong SAR, China", "Macao SAR, China").
Lists group them: first China with its regions Hong Kong, Macao and Taiwan, then one
group per continent. A region of China is never listed among the states of a continent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .i18n import collation_order, folded, once_per_language

CHINA = "CN"
# Official order (港澳台): listed right after China, in this order in every language.
REGIONS_OF_CHINA = ("HK", "MO", "TW")


class Continent(models.TextChoices):
    """A continent, as lists group countries and the directory filters partner cities."""

    AFRICA = "AF", _("Africa")
    ANTARCTICA = "AN", _("Antarctica")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    NORTH_AMERICA = "NA", _("North America")
    OCEANIA = "OC", _("Oceania")
    SOUTH_AMERICA = "SA", _("South America")


# UN M49 regions folded into seven continents: Northern America, Central America and the
# Caribbean make North America; remote territories follow M49 (BV, GS → South America;
# IO, TF → Africa; HM, CX, CC, UM → Oceania). One deviation: Cyprus (M49 Western Asia) is
# counted in Europe, as a member of the European Union. CLDR (Babel) has names but no
# containment table, hence this one.
_CODES_BY_CONTINENT = {
    Continent.AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS "
        "LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG "
        "YT ZA ZM ZW"
    ),
    Continent.ANTARCTICA: "AQ",
    Continent.ASIA: (
        "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM "
        "MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    Continent.EUROPE: (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT "
        "JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA"
    ),
    Continent.NORTH_AMERICA: (
        "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS "
        "MX NI PA PM PR SV SX TC TT US VC VG VI"
    ),
    Continent.OCEANIA: (
        "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS"
    ),
    Continent.SOUTH_AMERICA: "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
}

COUNTRY_CONTINENT: dict[str, str] = {
    code: str(continent)
    for continent, codes in _CODES_BY_CONTINENT.items()
    for code in codes.split()
}

# The order of the groups in a list (the order of China's Ministry of Foreign Affairs).
GROUP_ORDER = (
    Continent.ASIA,
    Continent.AFRICA,
    Continent.EUROPE,
    Continent.NORTH_AMERICA,
    Continent.SOUTH_AMERICA,
    Continent.OCEANIA,
    Continent.ANTARCTICA,
)


def continent_of(country_code: str) -> str | None:
    """The continent code of an ISO 3166-1 alpha-2 country code, or None if unknown."""
    if not country_code:
        return None
    return COUNTRY_CONTINENT.get(str(country_code).upper())


def countries_in(continent: str) -> list[str]:
    """The country codes of a continent, in alphabetical order."""
    return sorted(code for code, value in COUNTRY_CONTINENT.items() if value == continent)


@dataclass(frozen=True)
class Country:
    """A country or region as a list shows it."""

    code: str
    name: str
    # What else a visitor may type to find it: its English name and ISO codes.
    also_known_as: str


@dataclass(frozen=True)
class CountryGroup:
    """A heading of a list (China, or a continent) with its countries or regions in order."""

    key: str
    label: str
    countries: tuple[Country, ...]


def _build_groups(language: str) -> tuple[CountryGroup, ...]:
    # Iterating `countries` gives the names the site shows (overrides, common names);
    # its own order is not used.
    with translation.override("en"):
        english = {code: str(name) for code, name in countries}
    with translation.override(language):
        names = {code: str(name) for code, name in countries}
        china_label = names[CHINA]
        continent_labels = {continent: str(continent.label) for continent in Continent}
    alpha3 = {code: countries.alpha3(code) or "" for code in names}

    def country(code: str) -> Country:
        terms = " ".join(dict.fromkeys([english[code], code, alpha3[code]]))
        return Country(code=code, name=names[code], also_known_as=folded(terms))

    china = (CHINA, *REGIONS_OF_CHINA)
    groups = [CountryGroup(CHINA, china_label, tuple(country(code) for code in china))]
    by_continent: dict[str, list[Country]] = {continent: [] for continent in GROUP_ORDER}
    for code in collation_order(names, language):
        if code not in china:
            # A code django-countries has and the table lacks fails a test, not a page.
            by_continent[COUNTRY_CONTINENT.get(code, Continent.ANTARCTICA)].append(country(code))
    groups += [
        CountryGroup(str(continent), continent_labels[continent], tuple(by_continent[continent]))
        for continent in GROUP_ORDER
        if by_continent[continent]
    ]
    return tuple(groups)


# Built once per language and process (one query for the collation order).
_groups = once_per_language(_build_groups)


def country_groups(language: str | None = None) -> tuple[CountryGroup, ...]:
    """Every country and region in groups, in the order and language of `language`."""
    return _groups(language or translation.get_language() or settings.LANGUAGE_CODE)


def grouped_choices(codes=None, *, language: str | None = None) -> list:
    """Choices with option groups (<optgroup>, or a list's headings), limited to `codes`."""
    wanted = None if codes is None else {str(code) for code in codes}
    choices = []
    for group in country_groups(language):
        options = [
            (country.code, country.name)
            for country in group.countries
            if wanted is None or country.code in wanted
        ]
        if options:
            choices.append((group.label, options))
    return choices


def ordered_choices(codes, *, language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of `codes` in list order: China's regions follow China, never the
    states. For flat lists such as the admin's filters; unknown codes come last."""
    wanted = {str(code) for code in codes if code}
    known = [
        pair for _label, options in grouped_choices(wanted, language=language) for pair in options
    ]
    unknown = sorted(wanted - {code for code, _name in known})
    return known + [(code, code) for code in unknown]


def search_terms() -> dict[str, str]:
    """Code → what a filter box also matches (English name, ISO codes), folded."""
    return {
        country.code: country.also_known_as
        for group in country_groups()
        for country in group.countries
    }
