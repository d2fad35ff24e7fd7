# controllers
from . import controllers, models
from .hooks import uninstall_hook

# wizards
