"""Russian: the month after a day is in the genitive ("6 февраля"), as in DATE_FORMAT.

Django's "j F" gives the nominative, capitalised "6 Февраль".
"""

MONTH_DAY_FORMAT = "j E"  # 6 февраля
