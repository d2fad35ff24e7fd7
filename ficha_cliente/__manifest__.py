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
        "views/res_partner_views.xml",
        "views/ficha_cliente_menus.xml",
    ],
    "installable": True,
    "application": True,
}
