def migrate(cr, version):
    """The sheet's header became two sections read side by side (18.0.1.6.0): the alert banner
    moved from the headline figures' view to a view of its own.

    The banner's extension of the figures' view is dropped here and rebuilt from the data files
    (extending the banner's view), or the figures' view would be checked against it while it is
    updated, without the place the extension fills.
    """
    cr.execute(
        """
        WITH dropped AS (
            DELETE FROM ir_ui_view view
             USING ir_model_data data
             WHERE data.module = 'ficha_cliente' AND data.model = 'ir.ui.view'
               AND data.name = 'res_partner_view_form_ficha_alerts' AND data.res_id = view.id
            RETURNING view.id
        )
        DELETE FROM ir_model_data
         WHERE module = 'ficha_cliente' AND model = 'ir.ui.view' AND res_id IN (SELECT id FROM dropped)
        """
    )
