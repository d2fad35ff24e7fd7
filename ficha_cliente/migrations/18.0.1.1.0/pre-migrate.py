def migrate(cr, version):
    """The sheet's pages became sections of their own, read when shown (18.0.1.1.0).

    The views that filled the pages by extending the sheet's form now extend other views or
    are sections themselves: they are dropped here and rebuilt from the data files, or the
    sheet's form would be checked against their old extensions while it is updated.
    """
    cr.execute(
        """
        WITH sheet AS (
            SELECT res_id FROM ir_model_data
             WHERE module = 'ficha_cliente' AND model = 'ir.ui.view'
               AND name = 'res_partner_view_form_ficha'
        ), dropped AS (
            DELETE FROM ir_ui_view view
             USING ir_model_data data
             WHERE data.module = 'ficha_cliente' AND data.model = 'ir.ui.view'
               AND data.res_id = view.id AND view.inherit_id IN (SELECT res_id FROM sheet)
            RETURNING view.id
        )
        DELETE FROM ir_model_data
         WHERE module = 'ficha_cliente' AND model = 'ir.ui.view' AND res_id IN (SELECT id FROM dropped)
        """
    )
