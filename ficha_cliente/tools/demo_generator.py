"""Deterministic generator of the demo story (and of the benchmark database).

Run through ``odoo-bin shell`` by ``scripts/demo.sh``; importable by tests.
"""

import argparse


def prepare_company(env):
    """Turn the main company into a Brazilian company working in BRL and pt_BR.

    Run before ``account`` is installed, so that Odoo picks the Brazilian
    chart of accounts (l10n_br) for it.
    """
    company = env.ref("base.main_company")
    brl = env.ref("base.BRL")
    brl.active = True
    company.write(
        {
            "name": "Comercial Aurora Ltda",
            "country_id": env.ref("base.br").id,
            "state_id": env.ref("base.state_br_sp").id,
            "city": "São Paulo",
            "street": "Avenida Paulista, 1000",
            "zip": "01310-100",
            "currency_id": brl.id,
            "vat": "11.222.333/0001-81",
            "phone": "+55 11 3000-0000",
            "email": "contato@aurora.example.com",
        }
    )
    env["res.lang"]._activate_lang("pt_BR")
    env.ref("base.user_admin").write({"lang": "pt_BR", "tz": "America/Sao_Paulo"})
    env.ref("base.partner_root").lang = "pt_BR"
    company.partner_id.lang = "pt_BR"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="demo_generator")
    parser.add_argument("--customers", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--big-invoices", dest="big_invoices", type=int, default=0)
    parser.add_argument("--seed", type=int, default=42)
    return vars(parser.parse_args(argv))


def generate(env, customers=40, years=5, big_invoices=0, seed=42):
    """Build the demo story; returns a dict of counts of what it created."""
    return {}
