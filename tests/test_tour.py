import shutil

from odoo.tests import HttpCase, new_test_user


class TestSheetTour(HttpCase):
    """The sheet in a real browser, as a salesperson and as an accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="tour_salesman", password="tour_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="tour_accountant",
            password="tour_accountant",
            groups="sales_team.group_sale_salesman,account.group_account_invoice",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Cliente Ltda", "is_company": True, "customer_rank": 1, "user_id": cls.salesman.id}
        )

    def setUp(self):
        super().setUp()
        # A missing browser makes Odoo skip tours silently: here it is a failure.
        self.assertTrue(
            shutil.which("chromium") or shutil.which("google-chrome"), "Chromium is not installed"
        )

    def test_tour_as_salesperson(self):
        self.start_tour("/odoo", "ficha_cliente_sales_tour", login="tour_salesman")

    def test_tour_as_accountant(self):
        self.start_tour("/odoo", "ficha_cliente_accountant_tour", login="tour_accountant")
