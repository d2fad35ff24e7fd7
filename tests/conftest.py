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


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """A skipped test counts as a failure: a browser tour skipped for want of Chromium,
    websocket-client or ``--odoo-http`` has tested nothing."""
    if _skipped and session.exitstatus == 0:
        print(f"\nFAILED: {len(_skipped)} test(s) skipped: {', '.join(_skipped)}")
        session.exitstatus = 1
