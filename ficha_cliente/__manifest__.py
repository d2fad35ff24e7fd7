{
    "name": "Ficha de Cliente",
    "version": "18.0.1.0.0",
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
        # security: commercial
        # security: relationship
        # security: alerts
        "security/ficha_alert_state_security.xml",
        "views/res_partner_views.xml",
        # views: financial
        # views: commercial
        # views: relationship
        # views: alerts
        "views/ficha_alert_views.xml",
        "views/res_config_settings_views.xml",
        "views/ficha_cliente_menus.xml",
        # reports and wizards: financial
        # reports and wizards: commercial
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
            # assets: alerts
            "ficha_cliente/static/src/ficha_indicators/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
