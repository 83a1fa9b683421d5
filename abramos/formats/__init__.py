"""One way of writing dates per language (`FORMAT_MODULE_PATH`): templates and code name a format
(`DATE_FORMAT`, `DATETIME_FORMAT`...) and never spell one out, so every page, e-mail and file in
a language writes a day the same way.

Spanish keeps Django's es_MX formats ("9 de octubre de 2023 a las 12:00"). English writes the
day first and the time on 24 hours ("9 October 2023, 12:00"), as Mexico does, instead of the
United States' "Oct. 9, 2023, noon" and "10/09/2023".
"""
