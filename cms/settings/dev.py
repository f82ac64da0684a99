"""Development: the embedded default. Nothing to install, demo passwords shown."""

from .base import *

KOHTAAMO_ENV = "development"
DEBUG = env_bool("DEBUG", True)
# Static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
