"""Scenario of the commercial sections: variants with sizes, lots, deliveries, two salespeople."""

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, new_test_user

from .common import FichaClienteCommon


class CommercialCommon(FichaClienteCommon):
    """Two confirmed orders of the customer, each of one salesperson:

    - ``order_a`` (salesman A, 2024-03-10): 5 T-shirts size M at 80.00 with 10 % discount,
      delivered on 2024-03-12 from two lots (LOT-A 3, LOT-B 2), and 2 plain products (no size,
      no lot) at 100.00; fully delivered.
    - ``order_b`` (salesman B, ordered by the contact person on 2025-06-01, promised for
      2025-06-10): 4 T-shirts size G at 90.00; 1 delivered on 2025-06-05 from LOT-C, 3 pending.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman_b = new_test_user(
            cls.env,
            login="ficha_salesman_b",
            name="Vendedora B",
            groups="sales_team.group_sale_salesman",
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="ficha_sales_manager",
            name="Gerente de Vendas",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.size_attribute = cls.env["product.attribute"].create(
            {
                "name": "Tamanho",
                "create_variant": "always",
                "value_ids": [Command.create({"name": name}) for name in ("P", "M", "G")],
            }
        )
        cls.company.ficha_size_attribute_id = cls.size_attribute
        cls.category = cls.env["product.category"].create({"name": "Vestuário"})
        cls.tshirt_template = cls.env["product.template"].create(
            {
                "name": "Camiseta Polo",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
                "categ_id": cls.category.id,
                "list_price": 80.0,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": cls.size_attribute.id,
                            "value_ids": [Command.set(cls.size_attribute.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        variants = {
            variant.product_template_variant_value_ids.name: variant
            for variant in cls.tshirt_template.product_variant_ids
        }
        cls.tshirt_m = variants["M"]
        cls.tshirt_g = variants["G"]
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.lot_a, cls.lot_b = cls._create_lots(cls.tshirt_m, "LOT-A", "LOT-B")
        (cls.lot_c,) = cls._create_lots(cls.tshirt_g, "LOT-C")

        cls.order_a = cls._create_order(
            cls.customer,
            cls.salesman,
            "2024-03-10 09:00:00",
            [(cls.tshirt_m, 5, 80.0, 10.0), (cls.product, 2, 100.0, 0.0)],
        )
        cls.line_a_tshirt, cls.line_a_plain = cls.order_a.order_line
        with freeze_time("2024-03-12 10:00:00"):
            cls.delivery_a = cls._deliver(
                cls.order_a,
                {cls.line_a_tshirt: [(cls.lot_a, 3), (cls.lot_b, 2)], cls.line_a_plain: [(None, 2)]},
            )

        cls.order_b = cls._create_order(
            cls.contact,
            cls.salesman_b,
            "2025-06-01 09:00:00",
            [(cls.tshirt_g, 4, 90.0, 0.0)],
            commitment_date="2025-06-10 12:00:00",
        )
        cls.line_b = cls.order_b.order_line
        with freeze_time("2025-06-05 15:00:00"):
            cls.delivery_b = cls._deliver(cls.order_b, {cls.line_b: [(cls.lot_c, 1)]})

    @classmethod
    def _create_lots(cls, product, *names):
        lots = []
        for name in names:
            lot = cls.env["stock.lot"].create({"name": name, "product_id": product.id})
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, 10, lot_id=lot)
            lots.append(lot)
        return lots

    @classmethod
    def _create_order(cls, partner, user, date_order, lines, confirm=True, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id if user else False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "discount": discount,
                        }
                    )
                    for product, qty, price, discount in lines
                ],
                **values,
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = fields.Datetime.to_datetime(date_order)
        return order

    @classmethod
    def _deliver(cls, order, quantities):
        """Validate the open delivery of ``order`` with ``{sale line: [(lot, qty), ...]}``;
        quantities left undelivered go to a backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.ensure_one()
        return cls._validate_picking(
            picking, {move: quantities.get(move.sale_line_id, []) for move in picking.move_ids}
        )

    @classmethod
    def _validate_picking(cls, picking, quantities):
        """Validate ``picking`` with ``{move: [(lot, qty), ...]}``, creating backorders."""
        for move, lot_quantities in quantities.items():
            move.move_line_ids.unlink()
            for lot, qty in lot_quantities:
                cls.env["stock.move.line"].create(
                    {
                        "move_id": move.id,
                        "picking_id": picking.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": move.product_uom.id,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "lot_id": lot.id if lot else False,
                        "quantity": qty,
                    }
                )
            move.picked = True
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            Form(cls.env[result["res_model"]].with_context(result["context"])).save().process()
        return picking

    @classmethod
    def _return(cls, picking, quantities, reason=None):
        """Return ``{product: [(lot, qty), ...]}`` of ``picking`` and validate the return."""
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"ficha_return_reason": reason})
        )
        for line in wizard.product_return_moves:
            line.quantity = sum(qty for _lot, qty in quantities.get(line.product_id, []))
        return_picking = wizard._create_return()
        cls._validate_picking(
            return_picking, {move: quantities[move.product_id] for move in return_picking.move_ids}
        )
        return return_picking
