"""Scenario of the financial sections: invoices, payments, credit note, second company."""

from datetime import date

from odoo import Command

from .common import FichaClienteCommon

TODAY = date(2024, 6, 15)


class FichaFinancialCommon(FichaClienteCommon):
    """At TODAY (2024-06-15), in the main company, the customer has:

    - INV A, 2024-01-01, 1000.00 with a 30/60/90 term (40/30/30 %):
      1/3 400.00 due 01-31 paid 01-25 (on time), 2/3 300.00 due 03-01 paid 03-13 (12 days late),
      3/3 300.00 due 03-31, 100.00 paid 04-10, 200.00 overdue (76 days);
    - INV B of the contact person, 2024-05-20, 500.00 due 06-19: open, not yet due;
    - INV C, 2024-02-01, 200.00 settled by credit note RC 2024-02-10;
    - INV D, 2024-04-01, 150.00 due 04-01: overdue (75 days);
    - INV E in EUR, 2024-06-01, 100.00 EUR = 200.00 in company currency, due 07-01: open;
    - a draft (999.00) and a cancelled (888.00) invoice, excluded;
    - INV H of 700.00 due 2024-05-01 in a second company.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"ficha_late_fine_percent": 2.0, "ficha_late_interest_percent": 1.0})
        cls.receivable = cls.customer.with_company(cls.company).property_account_receivable_id
        cls.term_30_60_90 = cls.env["account.payment.term"].create(
            {
                "name": "30/60/90",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 40.0, "nb_days": 30}),
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 60}),
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 90}),
                ],
            }
        )
        cls.term_30 = cls.env["account.payment.term"].create(
            {
                "name": "30 days",
                "line_ids": [Command.create({"value": "percent", "value_amount": 100.0, "nb_days": 30})],
            }
        )
        cls.term_now = cls.env["account.payment.term"].create(
            {
                "name": "Now",
                "line_ids": [Command.create({"value": "percent", "value_amount": 100.0, "nb_days": 0})],
            }
        )
        cls.inv_a = cls._invoice(cls.customer, "2024-01-01", 1000.0, cls.term_30_60_90)
        a1, a2, a3 = cls._installments(cls.inv_a)
        cls._pay(a1, "2024-01-25")
        cls._pay(a2, "2024-03-13")
        cls._pay(a3, "2024-04-10", amount=100.0)
        cls.inv_b = cls._invoice(cls.contact, "2024-05-20", 500.0, cls.term_30)
        cls.inv_c = cls._invoice(cls.customer, "2024-02-01", 200.0, cls.term_now)
        reversal = (
            cls.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.inv_c.ids)
            .create({"date": date(2024, 2, 10), "journal_id": cls.inv_c.journal_id.id, "reason": "Return"})
        )
        reversal.refund_moves()
        cls.refund_c = cls.inv_c.reversal_move_ids
        cls.refund_c.action_post()  # posting a reversal reconciles it with the invoice
        cls.inv_d = cls._invoice(cls.customer, "2024-04-01", 150.0, cls.term_now)
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].search([("currency_id", "=", cls.eur.id)]).unlink()
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.eur.id, "name": "2024-01-01", "rate": 0.5, "company_id": cls.company.id}
        )
        cls.inv_e = cls._invoice(cls.customer, "2024-06-01", 100.0, cls.term_30, currency=cls.eur)
        cls.draft = cls._invoice(cls.customer, "2024-03-01", 999.0, cls.term_now, post=False)
        cls.cancelled = cls._invoice(cls.customer, "2024-03-01", 888.0, cls.term_now, post=False)
        cls.cancelled.button_cancel()

        cls.company_2 = cls.env["res.company"].create(
            {"name": "Filial Dois", "currency_id": cls.company.currency_id.id}
        )
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_2, install_demo=False
        )
        cls.env.user.company_ids |= cls.company_2
        cls.accountant.company_ids |= cls.company_2
        cls.inv_h = cls._invoice(cls.customer, "2024-05-01", 700.0, cls.term_now, company=cls.company_2)
        # As the web client does: the company switcher selects the main company only.
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.customer = cls.customer.with_env(cls.env)
        cls.contact = cls.contact.with_env(cls.env)

    @classmethod
    def _invoice(
        cls,
        partner,
        invoice_date,
        amount,
        term,
        currency=None,
        post=True,
        company=None,
        move_type="out_invoice",
    ):
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[(company or cls.company).id]))
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_payment_term_id": term.id,
                "currency_id": (currency or (company or cls.company).currency_id).id,
                "company_id": (company or cls.company).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _installments(cls, move):
        return move.line_ids.filtered(lambda line: line.display_type == "payment_term").sorted(
            "date_maturity"
        )

    @classmethod
    def _pay(cls, lines, payment_date, amount=None, user=None):
        env = cls.env if user is None else cls.env(user=user)
        values = {"payment_date": payment_date}
        if amount is not None:
            values["amount"] = amount
        wizard = (
            env["account.payment.register"]
            .with_context(active_model="account.move.line", active_ids=lines.ids)
            .create(values)
        )
        return wizard._create_payments()

    def installment(self, move, seq=1):
        return self.env["ficha.installment"].search(
            [("move_id", "=", move.id), ("installment_seq", "=", seq)]
        )
