"""Arabic: day, month, year as in CLDR ("6 فبراير 2027"), joined to the time by the Arabic comma.

Django's Arabic locale has no DATETIME_FORMAT or SHORT_DATETIME_FORMAT, so date-times fell
back to the English "N j, Y, P" ("فبراير 6, 2027, 7 م"). Digits stay Western (0-9): they are
the norm on Gulf and official Arabic sites and are what our references and data use.
"""

# CLDR's long date has no comma between month and year; Django's "j F، Y" does.
DATE_FORMAT = "j F Y"  # 6 فبراير 2027
TIME_FORMAT = "g:i A"  # 7:00 م
DATETIME_FORMAT = "j F Y، g:i A"  # 6 فبراير 2027، 7:00 م
# The right-to-left marks keep the slashes in day/month/year order inside RTL text.
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y، g:i A"  # 06‏/02‏/2027، 7:00 م

# With Western digits CLDR's Arabic separators are the point and the comma ("1,234.5");
# Django's "," decimal and "." thousands made 1.5 MB read "1,5" beside Latin digits.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
