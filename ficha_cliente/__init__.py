from . import models

# controllers

# wizards
