"""Odoo tags test classes only when they live in ``odoo.addons.<module>``.

These tests live at the repository root (package ``tests``), so give their
classes the tags Odoo would give a test of ``ficha_cliente`` (``at_install``,
the module name used by HttpCase and the logs).
"""

from odoo.tests import common


def _tag_as_ficha_cliente(cls, name, bases, attrs):
    _original_init(cls, name, bases, attrs)
    if cls.__module__.startswith("tests."):
        if getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "at_install"}
        cls.test_module = "ficha_cliente"
        cls.test_class = cls.__name__
        cls.test_sequence = 0


_original_init = common.MetaCase.__init__
common.MetaCase.__init__ = _tag_as_ficha_cliente
