/** @odoo-module **/
/* Opens Cadastros → Ficha de Cliente, finds the customer made by tests/test_tour.py,
 * visits every page of the sheet. Run as a salesperson and as an accountant. */

import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Cliente Ltda";

function visitPage(name) {
    return [
        {
            content: `open the page ${name}`,
            trigger: `.o_ficha_cliente .o_notebook .nav-link[name='${name}']`,
            run: "click",
        },
        {
            content: `page ${name} is shown`,
            trigger: `.o_ficha_cliente .o_notebook .nav-link.active[name='${name}']`,
        },
    ];
}

function openSheet() {
    return [
        {
            content: "open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "open the Master Data app",
            trigger: ".o_app[data-menu-xmlid='ficha_cliente.ficha_cliente_menu_root']",
            run: "click",
        },
        {
            content: "the customer list is shown",
            trigger: ".o_list_view",
        },
        {
            content: "search the customer",
            trigger: ".o_searchview_input",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "validate the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "open the customer's sheet",
            trigger: `.o_data_row td.o_data_cell:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "the sheet is open",
            trigger: `.o_ficha_cliente .oe_title:contains('${CUSTOMER}')`,
        },
    ];
}

registry.category("web_tour.tours").add("ficha_cliente_sales_tour", {
    url: "/odoo",
    steps: () => [
        ...openSheet(),
        ...["indicators", "warnings_contacts", "agenda", "sales_history", "services", "returns", "orders", "quotations"].flatMap(visitPage),
        {
            content: "financial pages are not shown to a salesperson",
            trigger: ".o_ficha_cliente .o_notebook:not(:has(.nav-link[name='installments']))",
        },
    ],
});

registry.category("web_tour.tours").add("ficha_cliente_accountant_tour", {
    url: "/odoo",
    steps: () => [
        ...openSheet(),
        ...["installments", "financial", "indicators", "warnings_contacts", "agenda"].flatMap(visitPage),
    ],
});
