"""The demo story and the benchmark database: tools of the repository, not shipped in the addon.

``generator`` plays the story through Odoo's flows (``scripts/demo.sh`` runs it in ``odoo-bin
shell`` with the repository on ``PYTHONPATH``); ``scale`` copies a played template in SQL for the
benchmark's scale.
"""
