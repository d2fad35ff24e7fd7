"""Deterministic generator of the demo story (and of the benchmark database).

Run through ``odoo-bin shell`` by ``scripts/demo.sh`` (the repository on ``PYTHONPATH``); imported by
the tests as ``demo.generator``.

The story is planned in plain Python from ``random.Random(seed)`` and then played through Odoo's
own business flows (confirm orders, validate pickings, post invoices, register payments, return
goods, reverse invoices, repair machines), with the dates moved into the past where the flows
stamp "now". Every part of the story is a small ``_create_*`` function taking the shared
``state`` dict, so later sections can plug their own part in ``STORY_PARTS``.

The benchmark's scale (more than ``scale.TEMPLATE_CUSTOMERS`` customers, a big customer with
more than ``scale.BIG_TEMPLATE_INVOICES`` invoices) plays a template of that size and copies
it in SQL: see ``scale``.
"""

import argparse
import random
import time
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import Command, fields

from . import scale
from .identities import (
    CITIES,
    FIRST_NAMES,
    FUNCTIONS,
    LAST_NAMES,
    STREETS,
    customer_name,
    random_cnpj,
)

CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
    "skip_sms": True,
    "no_mail_to_attendees": True,
    "dont_notify": True,
}

# -- pure helpers ---------------------------------------------------------------------------------


def days_late_of(kind, year_index, rng):
    """Days between due date and payment of one installment, by payment behaviour.

    ``year_index`` is the year of the customer's payment habit: 0 the first, ``LATE_PAYER_YEARS - 1``
    the last 12 months (the late payer's delay grows with it).

    The customers without a story pay as a Brazilian wholesaler's customers do: most boletos on the
    due date or a few days around it, some a week or two late, a few up to about a month late;
    none leaves an installment unpaid (the late payer, the over-limit one and the blocked one are
    the stories of unpaid installments).
    """
    if kind in ("good", "steady", "stopped", "big"):
        return rng.randint(-6, 1)
    if kind == "late":
        return 5 + 25 * year_index + rng.randint(0, 8)
    draw = rng.random()
    if draw < 0.8:
        return rng.randint(-4, 3)
    if draw < 0.96:
        return rng.randint(5, 15)
    return rng.randint(16, 35)


# The late payer's delay grows over this many years: 5-13 days late in the first, 105-113 in the last
# 12 months, so that at any day it holds an installment overdue for more than the danger threshold
# (60 days; its installments fall due about every month).
LATE_PAYER_YEARS = 5
# The blocked customer's legal dispute: the installments of its invoices of these ages (days) are
# left unpaid, contested; the rest it pays on time.
DISPUTED_INVOICE_AGE = (100, 220)

# The unusual customers come first so that even a small run has each of them.
STORY_CUSTOMERS = [
    ("stopped", "Malharia Serra Azul Ltda", "Stopped buying about 8 months ago."),
    ("late", "Uniformes Rio Claro ME", "Pays later and later every year."),
    ("returns", "Bazar Boa Vista Ltda", "Returns many deliveries."),
    ("credit", "Hospital Santa Helena S.A.", "Over its credit limit, recent invoices unpaid."),
    ("blocked", "Distribuidora Litoral Ltda", "Sales blocked by the management (legal dispute)."),
    ("steady", "Confecções Ipiranga Ltda", "Steady good payer."),
    ("steady", "Escola Monte Verde ME", "Steady good payer."),
]
# The stories meant to put their customer at the critical (danger) level after the daily check:
# stopped buying, overdue installments (the late payer, the blocked one's disputed invoices, the
# over-limit one's recent invoices) and over the credit limit. The steady customers have no alert.
CRITICAL_STORIES = ("stopped", "late", "credit", "blocked")
# Orders a year of the story customers; the others place 1 to 3 (sized for a ~6 minute demo).
# The blocked customer orders every quarter, so that some of its invoices are of the disputed age;
# the late payer too, so that its installments fall due about every month.
ORDERS_PER_YEAR = {"stopped": 6, "returns": 4, "credit": 3, "late": 4, "blocked": 4, "steady": 4}
BIG_CUSTOMER_NAME = "Atacadão Nacional de Uniformes S.A."


# -- entry points ---------------------------------------------------------------------------------


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
    parser = argparse.ArgumentParser(prog="demo.generator")
    parser.add_argument("--customers", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--big-invoices", dest="big_invoices", type=int, default=0)
    parser.add_argument("--seed", type=int, default=42)
    return vars(parser.parse_args(argv))


def generate(env, customers=40, years=5, big_invoices=0, seed=42):
    """Build the demo story; returns a dict of counts of what it created."""
    state = new_state(env, customers=customers, years=years, big_invoices=big_invoices, seed=seed)
    for name, part in STORY_PARTS:
        started = time.time()
        before = dict(state["stats"])
        part(state)
        state["env"].flush_all()
        state["timings"][name] = round(time.time() - started, 1)
        added = {key: value for key, value in state["stats"].items() if before.get(key) != value}
        _progress("%-16s %6.1f s  %s", name, state["timings"][name], added)
    stats = dict(state["stats"])
    stats["story_customers"] = state["story_customers"]
    stats["customer_ids"] = state["customers"].ids
    stats["timings"] = state["timings"]
    return stats


def new_state(env, customers=40, years=5, big_invoices=0, seed=42):
    """The shared state the story parts read and fill (env, random generator, dates, records).

    Beyond the template's size (``scale.scale_plan``), the story is played for the template
    and copied in SQL; its history then starts ``SPREAD_DAYS`` later, room for the copies' shifts.
    """
    env = env(context=dict(env.context, **CONTEXT))
    today = fields.Date.context_today(env.user)
    plan = scale.scale_plan(customers, big_invoices)
    copies = plan["customer_copies"] or plan["big_copies"]
    start = today - timedelta(days=365 * years) + timedelta(days=scale.SPREAD_DAYS if copies else 0)
    return {
        "env": env,
        "rng": random.Random(seed),
        "today": today,
        "start": start,
        "years": years,
        "n_customers": plan["template_customers"],
        "big_invoices": plan["big_template"],
        "plan": plan,
        # Copied deliveries take from the same stock.
        "stock_qty": 100000
        * (1 + plan["big_copies"] + -(-plan["customer_copies"] // max(1, plan["template_customers"]))),
        "company": env.company,
        "stats": defaultdict(int),
        "timings": {},
    }


def _progress(message, *args):
    print(message % args, flush=True)


# -- set-up ---------------------------------------------------------------------------------------


def _enable_features(state):
    env = state["env"]
    internal = env.ref("base.group_user")
    for xmlid in (
        "product.group_product_variant",
        "stock.group_production_lot",
        "sale.group_discount_per_so_line",
        "sale.group_warning_sale",
        "account.group_warning_account",
    ):
        group = env.ref(xmlid)
        if group not in internal.implied_ids:
            internal.write({"implied_ids": [Command.link(group.id)]})
    state["company"].account_use_credit_limit = True
    # The demo company is fictitious: partner_autocomplete must not try to enrich it from Odoo's
    # IAP service at the first web client load (offline, that logs an ERROR and a traceback).
    if "iap_enrich_auto_done" in state["company"]._fields:
        state["company"].iap_enrich_auto_done = True


def _create_payment_terms(state):
    env = state["env"]
    Term = env["account.payment.term"]
    company = state["company"]

    def term(name, days, percents=None):
        existing = Term.search([("name", "=", name), ("company_id", "in", (False, company.id))], limit=1)
        if existing:
            return existing
        percents = percents or [100.0]
        return Term.create(
            {
                "name": name,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": pct, "nb_days": nb, "delay_type": "days_after"}
                    )
                    for nb, pct in zip(days, percents, strict=True)
                ],
            }
        )

    state["terms"] = {
        "30": term("30 Days", [30]),
        "30/60": term("30/60 Days", [30, 60], [50.0, 50.0]),
        "30/60/90": term("30/60/90 Days", [30, 60, 90], [33.33, 33.33, 33.34]),
        "28/56/84": term("28/56/84 Days", [28, 56, 84], [33.33, 33.33, 33.34]),
    }


def _create_users(state):
    env = state["env"]
    Users = env["res.users"].with_context(no_reset_password=True)
    salesman = env.ref("sales_team.group_sale_salesman")
    stock_user = env.ref("stock.group_stock_user")

    def user(login, name, groups):
        existing = Users.search([("login", "=", login)])
        if existing:
            return existing
        return Users.create(
            {
                "login": login,
                "name": name,
                "email": f"{login}@aurora.example.com",
                "groups_id": [Command.set([env.ref("base.group_user").id] + groups.ids)],
                "company_id": state["company"].id,
                "company_ids": [Command.set(state["company"].ids)],
                "tz": "America/Sao_Paulo",
            }
        )

    state["salespeople"] = (
        user("ana.souza", "Ana Souza", salesman)
        | user("bruno.lima", "Bruno Lima", salesman)
        | user("carla.mendes", "Carla Mendes", salesman)
    )
    state["technicians"] = user("diego.rocha", "Diego Rocha", stock_user) | user(
        "eduardo.alves", "Eduardo Alves", stock_user
    )
    state["stats"]["users"] = len(state["salespeople"] | state["technicians"])


def _create_products(state):
    env = state["env"]
    company = state["company"]
    Category = env["product.category"]
    parent = Category.create({"name": "Aurora"})
    cats = {
        key: Category.create({"name": name, "parent_id": parent.id})
        for key, name in [
            ("clothes", "Vestuário"),
            ("fabric", "Tecidos e Aviamentos"),
            ("parts", "Peças para Máquinas"),
            ("services", "Serviços"),
        ]
    }
    size = env["product.attribute"].search([("name", "=", "Tamanho")], limit=1) or env[
        "product.attribute"
    ].create(
        {
            "name": "Tamanho",
            "create_variant": "always",
            "value_ids": [
                Command.create({"name": name, "sequence": i}) for i, name in enumerate(("P", "M", "G", "GG"))
            ],
        }
    )
    Template = env["product.template"]
    storable = {
        "type": "consu",
        "is_storable": True,
        "invoice_policy": "delivery",
        "taxes_id": [Command.clear()],
    }

    def tmpl(name, price, cost, cat, extra, sizes=False):
        vals = {
            "name": name,
            "list_price": price,
            "standard_price": cost,
            "categ_id": cats[cat].id,
            "company_id": False,
            **extra,
        }
        if sizes:
            vals["attribute_line_ids"] = [
                Command.create({"attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]})
            ]
        return Template.create(vals)

    clothes = [
        tmpl("Camisa Polo Piquet", 89.9, 38.0, "clothes", storable, True),
        tmpl("Jaleco Profissional", 149.0, 62.0, "clothes", storable, True),
        tmpl("Calça de Brim", 119.0, 51.0, "clothes", storable, True),
        tmpl("Camiseta Básica Algodão", 39.9, 15.0, "clothes", storable, True),
    ]
    lot_products = [
        tmpl("Tecido Brim Pesado (rolo 50 m)", 780.0, 420.0, "fabric", dict(storable, tracking="lot")),
        tmpl("Tecido Oxford (rolo 50 m)", 560.0, 300.0, "fabric", dict(storable, tracking="lot")),
        tmpl("Linha de Costura Poliéster (caixa)", 45.0, 19.0, "fabric", dict(storable, tracking="lot")),
    ]
    consumables = [
        tmpl(
            "Botões Sortidos (pacote)",
            12.5,
            4.0,
            "fabric",
            {"type": "consu", "invoice_policy": "delivery", "taxes_id": [Command.clear()]},
        ),
    ]
    parts = [
        tmpl("Motor para Máquina de Costura", 690.0, 380.0, "parts", storable),
        tmpl("Correia de Transmissão", 35.0, 12.0, "parts", storable),
        tmpl("Agulha Industrial (pacote)", 28.0, 9.0, "parts", storable),
    ]
    service = {"type": "service", "invoice_policy": "order", "taxes_id": [Command.clear()]}
    services = [
        tmpl("Bordado Personalizado", 6.5, 2.0, "services", service),
        tmpl("Manutenção Preventiva de Máquinas", 250.0, 90.0, "services", service),
        tmpl("Frete Dedicado", 180.0, 120.0, "services", service),
    ]
    machine = tmpl(
        "Máquina de Costura Industrial",
        4900.0,
        3100.0,
        "parts",
        {"type": "consu", "taxes_id": [Command.clear()]},
    )

    # Stock on hand, in lots for the tracked products.
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    stock = warehouse.lot_stock_id
    Quant = env["stock.quant"]
    lots = {}
    in_date = datetime.combine(state["start"] - timedelta(days=10), datetime.min.time())
    for template in lot_products:
        product = template.product_variant_id
        lot_records = env["stock.lot"].create(
            [
                {
                    "name": f"{template.name[:3].upper()}-{i:03d}",
                    "product_id": product.id,
                    "company_id": company.id,
                }
                for i in range(1, 7)
            ]
        )
        for lot in lot_records:
            Quant._update_available_quantity(product, stock, state["stock_qty"], lot_id=lot, in_date=in_date)
        lots[product.id] = lot_records
    for template in clothes + parts:
        for product in template.product_variant_ids:
            Quant._update_available_quantity(product, stock, state["stock_qty"], in_date=in_date)

    state.update(
        warehouse=warehouse,
        lots=lots,
        products={
            "clothes": Template.browse([t.id for t in clothes]).product_variant_ids,
            "lots": Template.browse([t.id for t in lot_products]).product_variant_ids,
            "consumables": Template.browse([t.id for t in consumables]).product_variant_ids,
            "parts": Template.browse([t.id for t in parts]).product_variant_ids,
            "services": Template.browse([t.id for t in services]).product_variant_ids,
            "machine": machine.product_variant_id,
        },
    )
    state["stats"]["products"] = sum(len(p) for p in state["products"].values())
    state["stats"]["lots"] = sum(len(lot) for lot in lots.values())


def _create_customers(state):
    env = state["env"]
    rng = state["rng"]
    today, start = state["today"], state["start"]
    brazil = env.ref("base.br")
    states = {s.code: s.id for s in env["res.country.state"].search([("country_id", "=", brazil.id)])}
    terms = state["terms"]
    used = {name for _kind, name, _note in STORY_CUSTOMERS}
    profiles = []
    vals_list = []
    for index in range(state["n_customers"]):
        if index < len(STORY_CUSTOMERS):
            kind, name, note = STORY_CUSTOMERS[index]
        else:
            kind = "good" if rng.random() < 0.3 else "normal"
            name, note = customer_name(rng, used), False
        city, uf, ddd, zip_prefix = rng.choice(CITIES)
        slug = "".join(c for c in name.lower().split()[1] if c.isalnum())[:12] or "cliente"
        since = (
            start
            if index < len(STORY_CUSTOMERS) or rng.random() < 0.6
            else start + timedelta(days=rng.randint(30, max(31, (today - start).days // 2)))
        )
        profile = {
            "kind": kind,
            "since": since,
            "until": today - timedelta(days=240) if kind == "stopped" else today,
            "orders_per_year": ORDERS_PER_YEAR.get(kind) or rng.choice([1, 2, 2, 3, 3]),
            "term": terms[rng.choice(["30", "30/60", "30/60/90", "30/60/90", "28/56/84"])]
            if kind != "late"
            else terms["30/60/90"],
            "salesperson": state["salespeople"][index % len(state["salespeople"])],
        }
        profiles.append(profile)
        contacts = []
        for _i in range(rng.choice([0, 1, 1, 2]) if index else 1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(
                Command.create(
                    {
                        "name": f"{first} {last}",
                        "function": rng.choice(FUNCTIONS),
                        "email": f"{first.lower()}.{last.lower()}@{slug}.example.com.br".replace(
                            "ú", "u"
                        ).replace("ã", "a"),
                        "mobile": f"+55 {ddd} 9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                        "type": "contact",
                    }
                )
            )
        vals_list.append(
            {
                "name": name,
                "is_company": True,
                "vat": random_cnpj(rng),
                "street": f"{rng.choice(STREETS)}, {rng.randint(10, 3000)}",
                "city": city,
                "state_id": states.get(uf),
                "country_id": brazil.id,
                "zip": f"{zip_prefix[:5]}-{rng.randint(0, 999):03d}",
                "phone": f"+55 {ddd} {rng.randint(2000, 3999)}-{rng.randint(1000, 9999)}",
                "email": f"contato@{slug}.example.com.br",
                "lang": env.lang or "en_US",
                "user_id": profile["salesperson"].id,
                "property_payment_term_id": profile["term"].id,
                "customer_rank": 1,
                "comment": note and f"<p>Demo story: {note}</p>",
                "child_ids": contacts,
            }
        )
    if state["big_invoices"]:
        # The benchmark's big customer: goods orders through the whole story (deliveries,
        # returns, repairs), then the services orders of _create_big_customer.
        profiles.append(
            {
                "kind": "big",
                "since": start,
                "until": today,
                "orders_per_year": max(1, state["big_invoices"] // 25),
                "term": terms["30/60/90"],
                "salesperson": state["salespeople"][0],
            }
        )
        vals_list.append(
            {
                "name": BIG_CUSTOMER_NAME,
                "is_company": True,
                "vat": random_cnpj(rng),
                "street": "Avenida do Estado, 5000",
                "city": "São Paulo",
                "state_id": states.get("SP"),
                "country_id": brazil.id,
                "zip": "01516-100",
                "phone": "+55 11 3300-0000",
                "email": "compras@atacadao-uniformes.example.com.br",
                "lang": env.lang or "en_US",
                "user_id": state["salespeople"][0].id,
                "property_payment_term_id": terms["30/60/90"].id,
                "customer_rank": 1,
                "comment": "<p>Demo story: the big customer of the benchmark.</p>",
                "child_ids": [
                    Command.create(
                        {
                            "name": "Marcos Ribeiro",
                            "function": "Compras",
                            "email": "marcos.ribeiro@atacadao-uniformes.example.com.br",
                            "type": "contact",
                        }
                    )
                ],
            }
        )
    partners = env["res.partner"].with_context(no_vat_validation=True).create(vals_list)
    for partner, profile in zip(partners, profiles, strict=True):
        profile["partner"] = partner
    state["profiles"] = profiles
    state["customers"] = partners
    state["story_customers"] = {}
    for kind in ("stopped", "late", "returns", "credit", "blocked", "steady", "big"):
        profile = next((p for p in profiles if p["kind"] == kind), None)
        if profile:
            state["story_customers"][kind] = [profile["partner"].id, profile["partner"].name]
    state["stats"]["customers"] = len(partners)
    state["stats"]["contacts"] = len(partners.child_ids)


# -- sales, deliveries, invoices ------------------------------------------------------------------


def _order_dates(state, profile):
    rng = state["rng"]
    since, until = profile["since"], profile["until"]
    span = (until - since).days
    count = max(1, round(profile["orders_per_year"] * span / 365))
    if profile["kind"] == "stopped":  # regular, once a month
        return [since + timedelta(days=int(i * span / count) + rng.randint(0, 3)) for i in range(count)]
    # A customer reorders at its own rhythm, a few weeks earlier or later each time (so that its
    # purchases of a year compare with the year before: no drop that its story does not tell).
    interval = span / count
    jitter = int(interval * 0.15)
    dates = sorted(
        min(until, since + timedelta(days=int((i + 0.5) * interval) + rng.randint(-jitter, jitter)))
        for i in range(count)
    )
    # Most customers have something recent (pending deliveries, open installments).
    recent = profile["kind"] not in ("normal", "good", "steady") or rng.random() < 0.6
    if profile["kind"] != "stopped" and recent and (state["today"] - dates[-1]).days > 20:
        dates.append(state["today"] - timedelta(days=rng.randint(0, 15)))
    return dates


def _basket(state, rng):
    """A customer's usual order: clothes and 0 to 3 other products, with their usual quantity and
    discount (goods first: a repair's parts and labour are small next to its usual order)."""
    lines = _order_lines(state, rng, pools=["clothes"])[:1] + _order_lines(state, rng)[:3]
    return [(line["product_id"], line["product_uom_qty"], line["discount"]) for _command, _id, line in lines]


def _basket_lines(profile, rng):
    """An order of the customer's usual basket, each quantity 20 % around the usual one (10 % for a
    steady customer); now and then a customer without a story gets a promotional discount."""
    spread = 0.1 if profile["kind"] == "steady" else 0.2
    lines = []
    for product_id, qty, discount in profile["basket"]:
        if profile["kind"] == "normal" and rng.random() < 0.05:
            discount += 10
        lines.append(
            Command.create(
                {
                    "product_id": product_id,
                    "product_uom_qty": max(1, round(qty * rng.uniform(1 - spread, 1 + spread))),
                    "discount": discount,
                }
            )
        )
    return lines


def _order_lines(state, rng, big=False, pools=None):
    products = state["products"]
    lines = []
    pools = pools or (["clothes", "clothes", "lots", "consumables", "services"] if not big else ["services"])
    for _i in range(rng.randint(1, 4) if not big else 3):
        pool = rng.choice(pools)
        product = rng.choice(products[pool])
        qty = {
            "clothes": rng.randint(5, 60),
            "lots": rng.randint(1, 6),
            "consumables": rng.randint(10, 100),
        }.get(pool, rng.randint(1, 20) if not big else rng.randint(1, 10))
        lines.append(
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "discount": rng.choice([0, 0, 0, 5, 10, 15]),
                }
            )
        )
    return lines


def _create_sales(state):
    """Sale orders of the history, confirmed, with their dates in the past."""
    env = state["env"]
    rng = state["rng"]
    orders_vals, plans = [], []
    for profile in state["profiles"]:
        partner = profile["partner"]
        profile["basket"] = _basket(state, rng)
        for order_date in _order_dates(state, profile):
            orders_vals.append(
                {
                    "partner_id": partner.id,
                    "user_id": profile["salesperson"].id,
                    "payment_term_id": profile["term"].id,
                    "warehouse_id": state["warehouse"].id,
                    "order_line": _basket_lines(profile, rng),
                    "client_order_ref": f"PC-{rng.randint(1, 99999):05d}" if rng.random() < 0.4 else False,
                }
            )
            plans.append({"profile": profile, "date": order_date})
    orders = env["sale.order"].create(orders_vals)
    for chunk in _chunks(orders, 200):
        chunk.action_confirm()
    for order, plan in zip(orders, plans, strict=True):
        plan["order"] = order
    # Dates: confirmation stamps "now"; move them back to the planned day.
    by_date = defaultdict(list)
    for plan in plans:
        by_date[plan["date"]].append(plan["order"].id)
    for order_date, ids in by_date.items():
        stamp = datetime.combine(order_date, datetime.min.time()) + timedelta(hours=13)
        env["sale.order"].browse(ids).write({"date_order": stamp})
        env["stock.picking"].search([("sale_id", "in", ids)]).write(
            {"scheduled_date": stamp + timedelta(days=5), "date_deadline": stamp + timedelta(days=7)}
        )
    state["order_plans"] = plans
    state["stats"]["sale_orders"] = len(orders)
    state["stats"]["sale_order_lines"] = len(orders.order_line)


def _fill_picking(picking, ratio=1.0, lots=None):
    """Set done quantities (a ratio of the demand) on a picking's moves, with lots for tracked goods."""
    lots = lots or {}
    for move in picking.move_ids:
        qty = move.product_uom_qty if ratio >= 1 else int(move.product_uom_qty * ratio)
        if move.has_tracking != "none":
            move.move_line_ids.unlink()
            if qty:
                lot = lots.get(move.product_id.id)
                move.move_line_ids = [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "quantity": qty,
                            "lot_id": lot.id if lot else False,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                            "picking_id": picking.id,
                        }
                    )
                ]
        else:
            move.quantity = qty
        move.picked = True


def _set_done_date(env, pickings, when):
    stamp = datetime.combine(when, datetime.min.time()) + timedelta(hours=15)
    pickings.write({"date_done": stamp})
    pickings.move_ids.write({"date": stamp})
    pickings.move_ids.move_line_ids.write({"date": stamp})


def _create_deliveries(state):
    """Validate the deliveries: old ones fully, some recent ones partly (backorder) or not at all."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    by_done_date = defaultdict(lambda: env["stock.picking"])
    partial = env["stock.picking"]
    for plan in state["order_plans"]:
        order = plan["order"]
        age = (today - plan["date"]).days
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        plan["delivered_on"] = None
        if not picking:  # services only
            plan["delivered_on"] = plan["date"]
            continue
        draw = rng.random() if plan["profile"]["kind"] != "steady" else 1.0  # delivered in full, on time
        if age < 15 and draw < 0.35:
            continue  # still pending
        done_on = min(today, plan["date"] + timedelta(days=rng.randint(1, 6)))
        lots = {pid: state["rng"].choice(lot_records) for pid, lot_records in state["lots"].items()}
        if age < 30 and draw < 0.6:
            _fill_picking(picking, 0.5, lots)
            partial |= picking
        else:
            _fill_picking(picking, 1.0, lots)
        by_done_date[done_on] |= picking
        plan["delivered_on"] = done_on
    ctx = {"skip_backorder": True, "skip_sms": True, "skip_immediate": True}
    to_validate = env["stock.picking"].union(*by_done_date.values())
    for chunk in _chunks(to_validate, 100):
        chunk.with_context(**ctx).button_validate()
    for done_on in sorted(by_done_date):
        _set_done_date(env, by_done_date[done_on], done_on)
    state["stats"]["deliveries_done"] = sum(len(p) for p in by_done_date.values())
    state["stats"]["backorders_pending"] = len(
        env["stock.picking"].search([("backorder_id", "in", partial.ids)])
    )
    state["stats"]["deliveries_pending"] = env["stock.picking"].search_count(
        [
            ("sale_id", "in", [p["order"].id for p in state["order_plans"]]),
            ("state", "not in", ("done", "cancel")),
        ]
    )


def _post_invoices(env, invoices, dates):
    """Post customer invoices with their invoice date in the past (``dates``: parallel list)."""
    by_date = defaultdict(list)
    for invoice, when in zip(invoices, dates, strict=True):
        by_date[when].append(invoice.id)
    for when, ids in sorted(by_date.items()):
        env["account.move"].browse(ids).write({"invoice_date": when, "date": when})
    for chunk in _chunks(invoices, 300):
        chunk.action_post()


def _create_invoices(state):
    """Invoice what was delivered, order by order, on the delivery day."""
    env = state["env"]
    plans = [p for p in state["order_plans"] if p["delivered_on"]]
    invoice_plans = []
    for chunk in _chunks(plans, 200):
        orders = env["sale.order"].browse([p["order"].id for p in chunk])
        invoices = orders._create_invoices(grouped=True)
        by_order = {inv.invoice_line_ids.sale_line_ids.order_id.id: inv for inv in invoices}
        for plan in chunk:
            invoice = by_order.get(plan["order"].id)
            plan["invoice"] = invoice
            if invoice:
                invoice_plans.append(plan)
    invoices = env["account.move"].browse([p["invoice"].id for p in invoice_plans])
    _post_invoices(env, invoices, [p["delivered_on"] for p in invoice_plans])
    state["invoice_plans"] = invoice_plans
    state["stats"]["invoices"] = len(invoices)
    state["stats"]["installments"] = len(
        invoices.line_ids.filtered(lambda line: line.display_type == "payment_term")
    )


# -- returns and credit notes ---------------------------------------------------------------------


def _create_returns(state):
    """Customers send goods back a few days after delivery; a credit note follows."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    returned = []
    for plan in state.get("invoice_plans", []):
        rate = {"returns": 0.45, "big": 0.12, "steady": 0.0}.get(plan["profile"]["kind"], 0.03)
        picking = plan["order"].picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )[:1]
        if not picking or rng.random() >= rate:
            continue
        when = plan["delivered_on"] + timedelta(days=rng.randint(3, 12))
        if when > today:
            continue
        wizard = (
            env["stock.return.picking"]
            .with_context(active_id=picking.id, active_ids=picking.ids, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        line = rng.choice(wizard.product_return_moves)
        line.quantity = max(1, int(line.move_id.quantity * rng.choice([0.2, 0.5, 1.0])))
        for other in wizard.product_return_moves - line:
            other.quantity = 0
        return_picking = wizard._create_return()
        origin_lots = {ml.product_id.id: ml.lot_id for ml in picking.move_line_ids if ml.lot_id}
        _fill_picking(return_picking, 1.0, origin_lots)
        return_picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        _set_done_date(env, return_picking, when)
        returned.append((plan, when))
    refund_plans = []
    for plan, when in returned:
        refund = plan["order"]._create_invoices(final=True).filtered(lambda m: m.move_type == "out_refund")
        if refund:
            refund_plans.append((plan, refund, when))
    if refund_plans:
        refunds = env["account.move"].browse([r.id for _p, r, _w in refund_plans])
        _post_invoices(env, refunds, [w for _p, _r, w in refund_plans])
        for plan, refund, _when in refund_plans:
            _reconcile_receivables(plan["invoice"] | refund)
    state["stats"]["returns"] = len(returned)
    state["stats"]["credit_notes_from_returns"] = len(refund_plans)


def _reconcile_receivables(moves):
    lines = moves.line_ids.filtered(
        lambda line: line.account_type == "asset_receivable" and not line.reconciled
    )
    if lines.filtered(lambda line: line.balance > 0) and lines.filtered(lambda line: line.balance < 0):
        lines.reconcile()


def _create_credit_notes(state):
    """A few invoices are fully reversed (price disputes) through the reversal wizard."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    count = 0
    for plan in state.get("invoice_plans", []):
        invoice = plan["invoice"]
        if (
            plan["profile"]["kind"] in ("late", "credit")
            or invoice.payment_state != "not_paid"
            or rng.random() >= 0.03
        ):
            continue
        when = min(today, invoice.invoice_date + timedelta(days=rng.randint(2, 20)))
        wizard = (
            env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "move_ids": [Command.set(invoice.ids)],
                    "date": when,
                    "reason": rng.choice(
                        ["Divergência de preço", "Mercadoria com defeito", "Pedido em duplicidade"]
                    ),
                    "journal_id": invoice.journal_id.id,
                }
            )
        )
        wizard.refund_moves()
        refund = invoice.reversal_move_ids.filtered(lambda m: m.state == "draft")
        refund.write({"invoice_date": when, "date": when})
        refund.action_post()
        _reconcile_receivables(invoice | refund)
        plan["reversed"] = True
        count += 1
    state["stats"]["credit_notes_reversals"] = count


# -- payments -------------------------------------------------------------------------------------


def _register_payments(state):
    """Pay each installment by its customer's behaviour: on time, late, partly, or not (yet)."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    full_by_date = defaultdict(list)
    partial = []
    for plan in state.get("invoice_plans", []):
        invoice = plan["invoice"]
        if plan.get("reversed"):
            continue
        profile = plan["profile"]
        kind = profile["kind"]
        age = (today - invoice.invoice_date).days
        # The late payer's habit counts its years back from today: its last 12 months are its latest.
        year_index = max(0, LATE_PAYER_YEARS - 1 - age // 365)
        lines = invoice.line_ids.filtered(
            lambda line: line.display_type == "payment_term" and not line.reconciled
        )
        for line in lines.sorted("date_maturity"):
            if kind == "credit" and age < 120:
                continue  # the recent invoices that push it over its limit
            if kind == "blocked" and DISPUTED_INVOICE_AGE[0] <= age <= DISPUTED_INVOICE_AGE[1]:
                continue  # the deliveries it contests: the legal dispute
            late = days_late_of(kind, year_index, rng)
            pay_on = max(invoice.invoice_date, line.date_maturity + timedelta(days=late))
            if pay_on > today:
                continue
            if kind in ("normal", "blocked") and rng.random() < 0.04:
                # part now, the rest two to four weeks later (still open when that is after today)
                partial.append((line, pay_on, pay_on + timedelta(days=rng.randint(14, 28))))
            else:
                full_by_date[pay_on].append(line.id)
    # Full payments in batches of the wizard's own steps (create, post, reconcile); the partial
    # ones through the payment wizard itself, one installment at a time.
    items = [(line_id, pay_on, None) for pay_on in sorted(full_by_date) for line_id in full_by_date[pay_on]]
    count = 0
    for chunk in _chunks(items, 400):
        count += len(_pay_lines_batch(env, chunk))
    rests = []
    for line, pay_on, rest_on in partial:
        amount = line.currency_id.round(line.amount_residual * rng.choice([0.3, 0.5, 0.7]))
        count += len(_pay_lines(env, line, pay_on, amount=amount))
        if rest_on <= today:
            rests.append((line.id, rest_on, None))
    if rests:
        count += len(_pay_lines_batch(env, rests))
    state["stats"]["payments"] = count
    state["stats"]["partial_payments"] = len(partial)


def _pay_lines_batch(env, items):
    """One customer payment per ``(receivable line id, date, amount or None)``, posted and reconciled.

    The same steps as ``account.payment.register._create_payments`` (create, ``action_post``,
    reconcile, link to the invoice) done for many payments at once.
    """
    lines = env["account.move.line"].browse([line_id for line_id, _d, _a in items])
    journal = _bank_journal(env)
    payments = env["account.payment"].create(
        [
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": line.partner_id.commercial_partner_id.id,
                "amount": amount if amount is not None else line.amount_residual,
                "date": pay_on,
                "journal_id": journal.id,
                "memo": line.move_id.name,
                "invoice_ids": [Command.set(line.move_id.ids)],
            }
            for line, (_l, pay_on, amount) in zip(lines, items, strict=True)
        ]
    )
    payments.action_post()
    plan = [
        payment.move_id.line_ids.filtered(lambda ml, line=line: ml.account_id == line.account_id) + line
        for payment, line in zip(payments, lines, strict=True)
    ]
    env["account.move.line"]._reconcile_plan(plan)
    return payments


def _pay_grouped(env, lines, pay_on):
    """One payment of ``lines``' whole residual on ``pay_on``, reconciled with all of them."""
    payment = env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": lines.partner_id.commercial_partner_id.id,
            "amount": sum(lines.mapped("amount_residual")),
            "date": pay_on,
            "journal_id": _bank_journal(env).id,
            "memo": f"Pagamento mensal {pay_on:%m/%Y}",  # the story is Brazilian, like its other texts
            "invoice_ids": [Command.set(lines.move_id.ids)],
        }
    )
    payment.action_post()
    counterpart = payment.move_id.line_ids.filtered(lambda ml: ml.account_id == lines.account_id)
    env["account.move.line"]._reconcile_plan([counterpart + lines])
    return payment


def _bank_journal(env):
    return env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "in", env.company.parent_ids.ids)], limit=1
    )


def _pay_lines(env, lines, pay_on, group=False, amount=None):
    """Register payments through the payment wizard for receivable ``lines`` on ``pay_on``."""
    vals = {"payment_date": pay_on, "group_payment": group}
    if amount is not None:
        vals.update(amount=amount, payment_difference_handling="open")
    wizard = (
        env["account.payment.register"]
        .with_context(active_model="account.move.line", active_ids=lines.ids, dont_redirect_to_payments=True)
        .create(vals)
    )
    if amount is None and not group:
        wizard.installments_mode = "full"
    return wizard._create_payments()


# -- quotations, repairs, relationship ------------------------------------------------------------


def _create_quotations(state):
    """Open quotations: some sent, some expired, some expiring within days."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    vals_list, dates = [], []
    for index, profile in enumerate(state["profiles"]):
        if profile["kind"] == "stopped":
            continue
        # The first customers have one of each kind, whatever the size of the run.
        steady = profile["kind"] == "steady"  # a fresh quotation only
        for j in range(rng.choice([0, 1, 1, 2]) if index > 2 else 1):
            if not steady and (index == 1 or (index > 2 and j == 0 and rng.random() < 0.4)):
                quote_on = today - timedelta(days=rng.randint(40, 90))
                validity = quote_on + timedelta(days=30)  # expired
            elif not steady and (index == 2 or rng.random() < 0.5):
                quote_on = today - timedelta(days=rng.randint(20, 27))
                validity = today + timedelta(days=rng.randint(1, 7))  # expiring soon
            else:
                quote_on = today - timedelta(days=rng.randint(0, 10))
                validity = quote_on + timedelta(days=30)
            vals_list.append(
                {
                    "partner_id": profile["partner"].id,
                    "user_id": profile["salesperson"].id,
                    "payment_term_id": profile["term"].id,
                    "validity_date": validity,
                    "order_line": _order_lines(state, rng),
                }
            )
            dates.append(quote_on)
    quotations = env["sale.order"].create(vals_list)
    for quotation, quote_on in zip(quotations, dates, strict=True):
        quotation.write(
            {
                "date_order": datetime.combine(quote_on, datetime.min.time()) + timedelta(hours=10),
                "state": "sent" if rng.random() < 0.6 else "draft",
            }
        )
    state["stats"]["quotations"] = len(quotations)
    state["stats"]["quotations_expired"] = len(quotations.filtered(lambda q: q.validity_date < today))


def _create_repairs(state):
    """Machines repaired with parts by a technician: done ones (sold through a sale order) and open ones."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    parts = state["products"]["parts"]
    machine = state["products"]["machine"]
    service = state["products"]["services"].filtered(lambda p: p.name.startswith("Manuten"))[:1]
    repairs = env["repair.order"]
    done_on = {}
    in_workshop = False  # the story needs at least one repair under way
    for index, profile in enumerate(state["profiles"]):
        count = 1 if index == 0 else 4 if profile["kind"] == "big" else rng.choice([0, 0, 1, 2])
        active = profile["until"] >= today
        if active and not in_workshop:
            count = max(count, 1)
        last = min(profile["until"], today)
        for i in range(count):
            recent = active and ((not in_workshop and i == 0) or rng.random() < 0.3)
            recent = recent and profile["kind"] != "steady"  # its repairs are done
            if recent:  # still in the workshop
                when = today - timedelta(days=rng.randint(0, 12))
            else:
                when = last - timedelta(days=rng.randint(16, max(16, (last - profile["since"]).days)))
            part = rng.choice(parts)
            repair = env["repair.order"].create(
                {
                    "partner_id": profile["partner"].id,
                    "product_id": machine.id,
                    "user_id": rng.choice(state["technicians"]).id,
                    "schedule_date": datetime.combine(when, datetime.min.time()) + timedelta(hours=9),
                    "internal_notes": "<p>Máquina parando durante a costura; revisar motor e correia.</p>",
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": part.id,
                                "product_uom_qty": rng.randint(1, 2),
                                "repair_line_type": "add",
                            }
                        ),
                        Command.create(
                            {"product_id": part.id, "product_uom_qty": 1, "repair_line_type": "remove"}
                        ),
                    ],
                }
            )
            repair.action_validate()
            repairs |= repair
            if not recent:
                repair.action_repair_start()
                for move in repair.move_ids:
                    move.quantity = move.product_uom_qty
                    move.picked = True
                repair.action_repair_end()
                done_on[repair.id] = when + timedelta(days=rng.randint(1, 6))
            elif rng.random() < 0.6 or not in_workshop:
                repair.action_repair_start()
                in_workshop = True
    profile_of = {profile["partner"].id: profile for profile in state["profiles"]}
    for repair in repairs.filtered(lambda r: r.state == "done"):
        when = min(today, done_on[repair.id])
        (repair.move_ids | repair.move_id).write({"date": datetime.combine(when, datetime.min.time())})
        if service:
            repair.action_create_sale_order()
            order = repair.sale_order_id
            order.order_line = [Command.create({"product_id": service.id, "product_uom_qty": 1})]
            order.action_confirm()
            order.date_order = datetime.combine(when, datetime.min.time())
            invoice = order._create_invoices()
            _post_invoices(env, invoice, [when])
            # Paid like the customer's other invoices (payments come after this part).
            state.setdefault("invoice_plans", []).append(
                {
                    "profile": profile_of[repair.partner_id.id],
                    "order": order,
                    "invoice": invoice,
                    "delivered_on": when,
                }
            )
    state["stats"]["repairs"] = len(repairs)
    state["stats"]["repairs_done"] = len(repairs.filtered(lambda r: r.state == "done"))
    state["stats"]["repairs_open"] = len(repairs.filtered(lambda r: r.state != "done"))


def _create_opportunities(state):
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    lost_reasons = env["crm.lost.reason"].search([])
    open_stages = env["crm.stage"].search([("is_won", "=", False)])
    vals_list, outcomes = [], []
    subjects = ["Uniformes para nova unidade", "Renovação de jalecos", "Contrato anual de manutenção",
                "Bordado de logotipo", "Coleção de verão", "Enxoval de hotel"]  # fmt: skip
    for profile in state["profiles"]:
        for _i in range(rng.randint(0, 3)):
            outcome = rng.choice(["won", "lost", "open", "open"])
            deadline = today + timedelta(days=rng.randint(-200, 60))
            vals_list.append(
                {
                    "name": rng.choice(subjects),
                    "type": "opportunity",
                    "partner_id": profile["partner"].id,
                    "user_id": profile["salesperson"].id,
                    "expected_revenue": rng.randint(2, 80) * 500,
                    "probability": rng.choice([10, 30, 60, 80]),
                    "date_deadline": deadline,
                    "stage_id": rng.choice(open_stages).id if open_stages else False,
                }
            )
            outcomes.append((outcome, deadline))
    leads = env["crm.lead"].create(vals_list)
    won = env["crm.lead"]
    for lead, (outcome, _deadline) in zip(leads, outcomes, strict=True):
        if outcome == "won":
            won |= lead
        elif outcome == "lost":
            lead.action_set_lost(lost_reason_id=lost_reasons and rng.choice(lost_reasons).id)
    won.action_set_won()
    for lead, (outcome, deadline) in zip(leads, outcomes, strict=True):
        if outcome != "open":
            lead.date_closed = datetime.combine(min(deadline, today), datetime.min.time())
    state["stats"]["opportunities"] = len(leads)


def _create_agenda(state):
    """Scheduled activities (some overdue), meetings past and future, logged calls and notes."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    partner_model = env["ir.model"]._get_id("res.partner")
    types = {
        key: env.ref(xmlid, raise_if_not_found=False)
        for key, xmlid in [
            ("call", "mail.mail_activity_data_call"),
            ("todo", "mail.mail_activity_data_todo"),
            ("meeting", "mail.mail_activity_data_meeting"),
        ]
    }
    activities, events, calls = [], [], []
    for index, profile in enumerate(state["profiles"]):
        partner, user = profile["partner"], profile["salesperson"]
        if profile["until"] < today - timedelta(days=30):
            continue_offsets = [-rng.randint(5, 40)]
        else:
            continue_offsets = [rng.randint(-20, 25) for _i in range(rng.randint(0, 2))]
        if index == 0:
            continue_offsets.append(-3)  # an overdue one for sure
        for offset in continue_offsets:
            kind = rng.choice(["call", "todo"])
            activities.append(
                {
                    "res_model_id": partner_model,
                    "res_id": partner.id,
                    "activity_type_id": types[kind].id,
                    "summary": {
                        "call": "Ligar para negociar renovação",
                        "todo": "Enviar tabela de preços atualizada",
                    }[kind],
                    "date_deadline": today + timedelta(days=offset),
                    "user_id": user.id,
                }
            )
        for offset in (rng.randint(-300, -5), rng.randint(2, 30)):
            if rng.random() < 0.5 and index:
                continue
            start = datetime.combine(today + timedelta(days=offset), datetime.min.time()) + timedelta(
                hours=rng.choice([12, 14, 17])
            )
            events.append(
                {
                    "name": f"Visita comercial - {partner.name}",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": user.id,
                    "partner_ids": [Command.set((partner | partner.child_ids[:1] | user.partner_id).ids)],
                    "res_model_id": partner_model,
                    "res_id": partner.id,
                }
            )
        for _i in range(rng.randint(1, 3)):
            calls.append((partner, user, today - timedelta(days=rng.randint(1, 600))))
        if profile["kind"] == "steady":  # the salesperson called it lately
            calls.append((partner, user, today - timedelta(days=rng.randint(3, 30))))
    for vals in activities:
        env["mail.activity"].create(vals)
    env["calendar.event"].create(events)
    for partner, user, when in calls:
        message = partner.with_user(user).message_post(
            body=rng.choice(
                [
                    "Ligação: cliente pediu prazo maior para o próximo pedido.",
                    "Ligação: confirmou recebimento da mercadoria.",
                    "Nota: prefere entregas pela manhã.",
                    "Ligação: reclamou do atraso na entrega; combinado frete grátis.",
                ]
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        message.sudo().write({"date": datetime.combine(when, datetime.min.time()) + timedelta(hours=11)})
    state["stats"]["activities"] = len(activities)
    state["stats"]["meetings"] = len(events)
    state["stats"]["logged_calls"] = len(calls)


def _create_warnings_and_limits(state):
    """Sale/invoice warnings on a few customers and the credit limit the 'credit' customer exceeds."""
    profiles = state["profiles"]
    for profile in profiles:
        partner = profile["partner"]
        if profile["kind"] == "late":
            partner.write(
                {
                    "sale_warn": "warning",
                    "sale_warn_msg": "Cliente com histórico de atrasos: confirmar condição de pagamento.",
                    "invoice_warn": "warning",
                    "invoice_warn_msg": "Enviar boleto também por e-mail ao financeiro.",
                }
            )
        elif profile["kind"] == "credit":
            partner.invalidate_recordset(["credit"])
            open_balance = partner.credit
            partner.credit_limit = max(1000.0, round(open_balance * 0.5, -3))
            partner.write(
                {
                    "sale_warn": "warning",
                    "sale_warn_msg": "Limite de crédito excedido: consultar o financeiro.",
                }
            )
        elif profile["kind"] == "blocked":
            partner.write(
                {
                    "sale_warn": "block",
                    "sale_warn_msg": "Bloqueado: pendência jurídica; só vender com autorização.",
                }
            )
    state["stats"]["warnings"] = len(state["customers"].filtered(lambda p: p.sale_warn != "no-message"))


def _create_sheet_records(state):
    """The sheet's own records: commercial and bank references (some stale), sheet warnings
    (one expired, one blocking) and reasons on the returns."""
    env = state["env"]
    rng = state["rng"]
    today = state["today"]
    references = []
    banks = ["Banco do Brasil", "Itaú Unibanco", "Bradesco", "Caixa Econômica Federal", "Santander"]
    suppliers = ["Têxtil Paraíso Ltda", "Fios Brasil S.A.", "Aviamentos Centro Ltda", "Embalagens Sul ME"]
    for index, profile in enumerate(state["profiles"]):
        if index % 3:
            continue
        partner = profile["partner"]
        steady = profile["kind"] == "steady"  # references checked lately
        months_ago = rng.choice([1, 3, 5] if steady else [1, 3, 5, 9, 14, 20])
        references += [
            {
                "partner_id": partner.id,
                "reference_type": "commercial",
                "name": rng.choice(suppliers),
                "contact_name": rng.choice(["Ana Souza", "Carlos Lima", "Paula Mendes"]),
                "phone": f"+55 11 3{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                "customer_since": today - timedelta(days=365 * rng.randint(2, 12)),
                "credit_granted": rng.choice([5000, 10000, 25000, 50000]),
                "last_checked_date": today - timedelta(days=30 * months_ago),
                "check_result": "bad" if profile["kind"] in ("late", "credit") else "good",
            },
            {
                "partner_id": partner.id,
                "reference_type": "bank",
                "name": rng.choice(banks),
                "contact_name": "Gerente PJ",
                "customer_since": today - timedelta(days=365 * rng.randint(3, 15)),
                "last_checked_date": today
                - timedelta(days=30 * rng.choice([2, 4] if steady else [2, 4, 13])),
                "check_result": "regular" if profile["kind"] == "late" else "good",
            },
        ]
    env["ficha.partner.reference"].create(references)
    warnings = []
    for profile in state["profiles"]:
        partner = profile["partner"]
        if profile["kind"] == "credit":
            warnings.append(
                {
                    "partner_id": partner.id,
                    "warning_type": "credit",
                    "severity": "block",
                    "message": "Vendas a prazo suspensas até a regularização dos títulos vencidos.",
                }
            )
        elif profile["kind"] == "returns":
            warnings.append(
                {
                    "partner_id": partner.id,
                    "warning_type": "delivery",
                    "severity": "warning",
                    "message": "Conferir a mercadoria com o cliente na entrega: muitas devoluções.",
                    "valid_until": today + timedelta(days=90),
                }
            )
            warnings.append(
                {
                    "partner_id": partner.id,
                    "warning_type": "commercial",
                    "severity": "info",
                    "message": "Campanha de inverno encerrada.",
                    "valid_until": today - timedelta(days=30),
                }
            )
    env["ficha.partner.warning"].create(warnings)
    reasons = ["Tamanho errado", "Defeito de fabricação", "Cor diferente do pedido", "Arrependimento"]
    returns = env["stock.picking"].search(
        [("picking_type_code", "=", "incoming"), ("return_id", "!=", False), ("state", "=", "done")]
    )
    for picking in returns:
        picking.ficha_return_reason = rng.choice(reasons)
    state["stats"]["references"] = len(references)
    state["stats"]["sheet_warnings"] = len(warnings)


# -- the big customer (benchmark scale) -----------------------------------------------------------


def _create_big_customer(state):
    """The big customer's services orders, up to ``big_invoices`` invoices in all (3 installments each).

    Orders of services (no pickings) confirmed in batches, one invoice per order posted in
    batches, and one monthly payment per month reconciled with the installments due that month.
    The customer and its goods orders come from the story (profile "big").
    """
    if not state["big_invoices"]:
        return
    env = state["env"]
    rng = random.Random(state["rng"].random())
    today, start = state["today"], state["start"]
    partner = env["res.partner"].browse(state["story_customers"]["big"][0])
    done = env["account.move"].search_count(
        [("partner_id", "=", partner.id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")]
    )
    count = max(0, state["big_invoices"] - done)
    span = (today - start).days
    dates = sorted(start + timedelta(days=int(i * span / count)) for i in range(count))
    started = time.time()
    batch = 500
    invoice_ids = []
    for offset in range(0, count, batch):
        chunk_dates = dates[offset : offset + batch]
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": state["salespeople"][0].id,
                    "payment_term_id": state["terms"]["30/60/90"].id,
                    "order_line": _order_lines(state, rng, big=True),
                }
                for _d in chunk_dates
            ]
        )
        orders.action_confirm()
        for order, when in zip(orders, chunk_dates, strict=True):
            order.date_order = datetime.combine(when, datetime.min.time()) + timedelta(hours=10)
        invoices = orders._create_invoices(grouped=True)
        order_date = {o.id: d for o, d in zip(orders, chunk_dates, strict=True)}
        _post_invoices(
            env,
            invoices,
            [order_date[inv.invoice_line_ids.sale_line_ids.order_id[:1].id] for inv in invoices],
        )
        invoice_ids += invoices.ids
        env.flush_all()
        env.invalidate_all()
        _progress(
            "  big customer: %d/%d invoices, %.0f s", offset + len(chunk_dates), count, time.time() - started
        )
    state["stats"]["big_invoices"] = done + count
    # Monthly payments: everything due that month, paid at the end of the month; the last
    # months stay open and a few installments stay overdue.
    lines = env["account.move.line"].search(
        [
            ("move_id", "in", invoice_ids),
            ("display_type", "=", "payment_term"),
            ("parent_state", "=", "posted"),
        ]
    )
    by_month = defaultdict(list)
    for line in lines:
        if rng.random() < 0.01:
            continue  # disputed, never paid
        pay_on = line.date_maturity + timedelta(days=rng.randint(0, 12))
        pay_on = max(pay_on, line.move_id.invoice_date)
        if pay_on <= today - timedelta(days=20):
            by_month[(pay_on.year, pay_on.month)].append((line.id, pay_on))
    payments = 0
    for _month, items in sorted(by_month.items()):
        pay_on = max(d for _l, d in items)
        for chunk in _chunks([line_id for line_id, _d in items], 1000):
            payments += len(_pay_grouped(env, env["account.move.line"].browse(chunk), pay_on))
        env.flush_all()
        env.invalidate_all()
    state["stats"]["big_payments"] = payments
    state["stats"]["big_installments"] = env["account.move.line"].search_count(
        [
            ("partner_id", "=", partner.id),
            ("display_type", "=", "payment_term"),
            ("parent_state", "=", "posted"),
        ]
    )
    _progress("  big customer done in %.0f s", time.time() - started)


def _chunks(items, size):
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]


STORY_PARTS = [
    ("features", _enable_features),
    ("payment_terms", _create_payment_terms),
    ("users", _create_users),
    ("products", _create_products),
    ("customers", _create_customers),
    ("sales", _create_sales),
    ("deliveries", _create_deliveries),
    ("invoices", _create_invoices),
    ("returns", _create_returns),
    ("credit_notes", _create_credit_notes),
    ("repairs", _create_repairs),
    ("payments", _register_payments),
    ("quotations", _create_quotations),
    ("opportunities", _create_opportunities),
    ("agenda", _create_agenda),
    ("warnings_limits", _create_warnings_and_limits),
    ("sheet_records", _create_sheet_records),
    ("big_customer", _create_big_customer),
    ("replicate", scale.replicate),
]
