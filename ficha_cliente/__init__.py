# controllers
from . import controllers, models

# wizards
