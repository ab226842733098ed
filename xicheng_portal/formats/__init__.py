"""Date and time formats where Django's own locale data is missing or reads unnaturally.

Django looks here first (FORMAT_MODULE_PATH) and falls back to its own module for every
name a module below does not define, so each module holds only its corrections.
"""
