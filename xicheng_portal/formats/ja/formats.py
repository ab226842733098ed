"""Japanese: a space between the date and the time, as in CLDR ("2027年2月6日 19:00").

Django's "Y年n月j日G:i" runs the day into the hour ("6日19:00").
"""

DATETIME_FORMAT = "Y年n月j日 G:i"  # 2027年2月6日 19:00
