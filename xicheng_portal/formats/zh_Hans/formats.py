"""Simplified Chinese: month-and-day without a zero-padded month ("2月6日", not "02月6日").

Django's "m月j日" pads the month but not the day, unlike its own DATE_FORMAT and CLDR.
"""

MONTH_DAY_FORMAT = "n月j日"  # 2月6日
