{
    "name": "Ficha de Cliente",
    "version": "18.0.1.6.0",
    "category": "Sales/Sales",
    "summary": "Customer sheet: history, financial position and alerts of a customer in one screen",
    "author": "ficha_cliente developers",
    "license": "LGPL-3",
    "depends": [
        "account",
        "sale_management",
        "sale_stock",
        "repair",
        "crm",
        "calendar",
        "contacts",
    ],
    "data": [
        "security/ficha_cliente_groups.xml",
        "security/ir.model.access.csv",
        # security: financial
        "security/ficha_installment_security.xml",
        # security: commercial
        "security/ficha_commercial_security.xml",
        # security: relationship
        "security/ficha_relationship_security.xml",
        # security: alerts
        "security/ficha_alert_state_security.xml",
        "views/res_partner_views.xml",
        # views: financial
        "views/ficha_installment_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_financial_views.xml",
        # views: commercial
        "views/ficha_sale_history_views.xml",
        "views/ficha_return_line_views.xml",
        "views/ficha_pending_line_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/product_product_views.xml",
        "views/res_partner_commercial_views.xml",
        "views/res_config_settings_views.xml",
        # views: relationship
        "views/ficha_repair_views.xml",
        "views/ficha_partner_warning_views.xml",
        "views/ficha_partner_reference_views.xml",
        "views/ficha_interaction_views.xml",
        # views: alerts
        "views/ficha_alert_views.xml",
        "views/ficha_cliente_menus.xml",
        # reports and wizards: financial
        # reports and wizards: commercial
        "views/ficha_commercial_menus.xml",
        # reports and wizards: relationship
        # reports and wizards: alerts
        "views/ficha_alert_state_views.xml",
        # data: financial
        # data: commercial
        # data: relationship
        # data: alerts
        "data/ir_cron_data.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ficha_cliente/static/src/core/**/*",
            "ficha_cliente/static/src/ficha_chatter/**/*",
            "ficha_cliente/static/src/ficha_indicators/**/*",
            "ficha_cliente/static/src/ficha_installments/**/*",
            "ficha_cliente/static/src/ficha_section/**/*",
            "ficha_cliente/static/src/ficha_sheet/**/*",
        ],
        "web.assets_tests": [
            "ficha_cliente/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": True,
}
