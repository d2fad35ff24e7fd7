/** @odoo-module **/
/* The customer sheet as a salesperson and as an accountant (scenario: tests/test_tour.py).
 * Master Data (Cadastros) → Customer Sheet, search the customer, open the sheet, read the
 * alert and warning banners, the side menu and its badges, visit every page, create a quotation
 * from the sheet and come back to it; the accountant also downloads the financial export. */

import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Cliente Ltda";
const SHEET = ".o_ficha_cliente";
const NOTE = "Cliente pediu boleto para 28 dias";

// Pages of the sheet, in the order of the notebook.
const COMMON_PAGES = [
    "indicators",
    "alerts",
    "warnings_contacts",
    "agenda",
    "sales_history",
    "services",
    "returns",
    "orders",
    "quotations",
];
const FINANCIAL_PAGES = ["installments", "financial"];

function visitPage(name) {
    return [
        {
            content: `open the page ${name}`,
            trigger: `${SHEET} .o_notebook .nav-link[name='${name}']`,
            run: "click",
        },
        {
            content: `page ${name} is shown`,
            trigger: `${SHEET} .o_notebook .nav-link.active[name='${name}']`,
        },
        {
            // a section's form does not take the focus (nor scroll to) its first primary button
            content: `the sections of page ${name} are drawn; the focus is not in one of them`,
            trigger: `${SHEET} .tab-pane.active`,
            async run() {
                const drawn = () =>
                    [...this.anchor.querySelectorAll(".o_widget_ficha_section")].every((section) =>
                        section.querySelector(".o_form_renderer")
                    );
                for (let wait = 0; !drawn(); wait += 50) {
                    if (wait > 10000) {
                        throw new Error(`page ${name}: its sections are not drawn`);
                    }
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
                if (document.activeElement?.closest(".o_ficha_section")) {
                    throw new Error(`page ${name}: a section took the focus`);
                }
            },
        },
    ];
}

/* The sections are a side menu beside the content (a desktop-width browser), each entry with its
 * badge: a figure or an alert of the section, read with the header's sections (the figures' with
 * the headline figures, the alerts' with the banner). */
function checkSideMenu({ financial }) {
    const badge = (page, level, text) => ({
        content: `the side menu's ${page} entry shows '${text}'`,
        trigger: `${SHEET} .o_ficha_sections .nav-link[name='${page}'] .o_ficha_section_badge.text-bg-${level}:contains('${text}')`,
    });
    const steps = [
        {
            content: "the sections are a vertical menu beside the content",
            trigger: `${SHEET} .o_notebook.o_ficha_sections .nav-link[name='quotations']`,
            run() {
                const notebook = this.anchor.closest(".o_notebook");
                const headers = notebook.querySelector(".o_notebook_headers");
                const content = notebook.querySelector(".o_notebook_content");
                if (getComputedStyle(notebook).flexDirection !== "row") {
                    throw new Error("the notebook is not laid out in a row");
                }
                if (headers.getBoundingClientRect().right > content.getBoundingClientRect().left + 1) {
                    throw new Error("the menu is not beside the content");
                }
            },
        },
        badge("quotations", "warning", "1 expiring"),
        badge("warnings_contacts", "warning", "1 warning"),
    ];
    if (financial) {
        steps.push(badge("installments", "danger", "1 overdue"), badge("alerts", "danger", "alerts"));
    } else {
        // the expiring quotation's alert only
        steps.push(badge("alerts", "warning", "1 alert"));
        steps.push({
            content: "no financial badge for a salesperson",
            trigger: `${SHEET} .o_ficha_sections:not(:has(.o_ficha_section_badge:contains('overdue')))`,
        });
    }
    steps.push(
        ...visitPage("quotations"),
        {
            content: "the open entry keeps its badge",
            trigger: `${SHEET} .o_ficha_sections .nav-link.active[name='quotations'] .o_ficha_section_badge:contains('1 expiring')`,
        },
        {
            content: "the quotations page is shown beside the menu",
            trigger: `${SHEET} .o_ficha_sections .o_notebook_content .o_ficha_section_quotations`,
        }
    );
    return steps;
}

function openSheet() {
    return [
        {
            content: "open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "open the Master Data app (Cadastros)",
            trigger: ".o_app[data-menu-xmlid='ficha_cliente.ficha_cliente_menu_root']",
            run: "click",
        },
        {
            content: "the customer list is shown",
            trigger: ".o_list_view .o_data_row",
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
            content: "the list holds the customer only",
            trigger: `.o_list_view .o_data_row:only-child td.o_data_cell:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "the sheet is open",
            trigger: `${SHEET} .oe_title:contains('${CUSTOMER}')`,
        },
        {
            content: "the header shows the tax id",
            trigger: `${SHEET} div[name='vat']:contains('11.444.777/0001-61')`,
        },
        {
            content: "the header shows the tags",
            trigger: `${SHEET} .oe_title div[name='category_id']:contains('Atacado')`,
        },
        {
            content: "the header shows the address",
            trigger: `${SHEET} div[name='ficha_address']:contains('Rua das Flores, 100'):contains('Campinas')`,
        },
        {
            content: "the header shows the phone",
            trigger: `${SHEET} div[name='phone']:contains('3333-4444')`,
        },
        {
            content: "the header shows the e-mail",
            trigger: `${SHEET} div[name='email']:contains('compras@tourcliente.com.br')`,
        },
        {
            content: "the header shows the salesperson",
            trigger: `${SHEET} div[name='user_id']:contains('Vendedor Tour')`,
        },
        {
            content: "the header shows the payment terms",
            trigger: `${SHEET} div[name='property_payment_term_id']:contains('30 Days')`,
        },
    ];
}

function checkBanners({ financial }) {
    const steps = [
        {
            content: "the sheet's warning is in the banner",
            trigger: `${SHEET} div[name='warning_banner'] .alert-warning:contains('Entregar somente com agendamento')`,
        },
        {
            content: "the expiring quotation raises an alert in the banner",
            trigger: `${SHEET} .o_ficha_alert_banner .alert-warning:contains('expiring')`,
        },
    ];
    if (financial) {
        steps.push(
            {
                content: "the overdue invoice raises a danger alert",
                trigger: `${SHEET} .o_ficha_alert_banner .alert-danger:contains('Overdue')`,
            },
            {
                content: "the headline figures show the overdue amount",
                trigger: `${SHEET} div[name='ficha_kpis_financial'] div[name='ficha_overdue_amount']:contains('1,000.00')`,
            }
        );
    } else {
        steps.push({
            content: "receivable alerts and figures are not shown to a salesperson",
            trigger: `${SHEET}:not(:has(.o_ficha_alert_banner .alert-danger)):not(:has(div[name='ficha_kpis_financial']))`,
        });
    }
    return steps;
}

/* The chatter, a page of the sheet: mail's own, drawn when its page is opened. */
function checkChatter() {
    return [
        {
            content: "no chatter is drawn with the sheet's opening",
            trigger: `${SHEET}:not(:has(.o-mail-Chatter)) .o_notebook .nav-link.active:not([name='messages'])`,
        },
        ...visitPage("messages"),
        {
            content: "the chatter shows the note logged on the customer",
            trigger: `${SHEET} .o-mail-Chatter .o-mail-Message:contains('${NOTE}')`,
        },
    ];
}

function newQuotation() {
    let orderName;
    return [
        {
            content: "create a quotation from the sheet's header",
            trigger: `${SHEET} .o_form_statusbar button[name='action_new_quotation']`,
            run: "click",
        },
        {
            content: "sale's own form opens on the customer",
            trigger: `.o_form_view:not(${SHEET}) div[name='partner_id'] input`,
            run() {
                if (!this.anchor.value.includes(CUSTOMER)) {
                    throw new Error(`the quotation is for '${this.anchor.value}', not ${CUSTOMER}`);
                }
            },
        },
        {
            content: "note the quotation's number",
            trigger: `.o_form_view:not(${SHEET}) .oe_title div[name='name'] span:not(:empty)`,
            run() {
                orderName = this.anchor.textContent.trim();
            },
        },
        {
            content: "back to the sheet through the breadcrumb",
            trigger: `.o_breadcrumb .breadcrumb-item a:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "the sheet is shown again",
            trigger: `${SHEET} .oe_title:contains('${CUSTOMER}')`,
        },
        ...checkChatter(),
        ...visitPage("quotations"),
        {
            content: "the new quotation is listed on the sheet",
            trigger: `${SHEET} div[name='ficha_quotation_ids'] .o_data_row`,
            run() {
                const rows = this.anchor.closest("tbody").textContent;
                if (!orderName || !rows.includes(orderName)) {
                    throw new Error(`quotation ${orderName} is not listed on the sheet: ${rows}`);
                }
            },
        },
    ];
}

/* The export is an act_url: intercept the redirect the action service makes, fetch the
 * URL and check the workbook comes back. */
function downloadExport() {
    return [
        {
            content: "export the financial situation and check the download",
            trigger: `${SHEET} button[name='action_export_financial_xlsx']`,
            async run() {
                const descriptor = Object.getOwnPropertyDescriptor(browser, "location");
                const realLocation = window.location;
                let url;
                // A proxy of an empty object: the real Location's properties are not configurable.
                const location = new Proxy(
                    {},
                    {
                        get(_target, prop) {
                            if (prop === "assign" || prop === "replace") {
                                return (value) => {
                                    url = value;
                                };
                            }
                            const value = realLocation[prop];
                            return typeof value === "function" ? value.bind(realLocation) : value;
                        },
                    }
                );
                Object.defineProperty(browser, "location", { get: () => location, configurable: true });
                try {
                    this.anchor.click();
                    for (let tries = 0; !url && tries < 200; tries++) {
                        await new Promise((resolve) => setTimeout(resolve, 50));
                    }
                } finally {
                    Object.defineProperty(browser, "location", descriptor);
                }
                if (!url || !url.includes("/ficha_cliente/financial_xlsx/")) {
                    throw new Error(`the export did not redirect to the workbook: ${url}`);
                }
                const response = await fetch(url);
                const type = response.headers.get("Content-Type") || "";
                const disposition = response.headers.get("Content-Disposition") || "";
                const bytes = new Uint8Array(await response.arrayBuffer());
                // An .xlsx is a zip file: it starts with "PK".
                if (
                    response.status !== 200 ||
                    !type.includes("spreadsheetml") ||
                    !disposition.includes(".xlsx") ||
                    bytes[0] !== 0x50 ||
                    bytes[1] !== 0x4b
                ) {
                    throw new Error(`bad download: ${response.status} ${type} ${disposition} ${bytes.length} bytes`);
                }
                document.body.classList.add("o_ficha_tour_export_ok");
            },
        },
        {
            content: "the workbook was downloaded",
            trigger: "body.o_ficha_tour_export_ok",
        },
    ];
}

/* The first page of a financial user: the latest installments, each row opening its invoice. */
function checkInstallments() {
    const row = `${SHEET} .o_ficha_installment_table tr.o_data_row.text-danger`;
    return [
        ...visitPage("installments"),
        {
            content: "the overdue installment is a red row with its days late and status",
            trigger: `${row}:has(td:contains('90')):has(.badge.text-bg-danger:contains('Overdue')):contains('1,000.00')`,
            run: "click",
        },
        {
            content: "the row opened its invoice (posted: the customer is read-only)",
            trigger: `.o_form_view:not(${SHEET}) .o_statusbar_status button[data-value='posted'].o_arrow_button_current`,
        },
        {
            content: "the invoice is the customer's",
            trigger: `.o_form_view:not(${SHEET}) div[name='partner_id']:contains('${CUSTOMER}')`,
        },
        {
            content: "back to the sheet through the breadcrumb",
            trigger: `.o_breadcrumb .breadcrumb-item a:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "the sheet is shown again",
            trigger: `${SHEET} .oe_title:contains('${CUSTOMER}')`,
        },
    ];
}

/* The indicators page: the sales for everyone, the receivables beside them for financial users,
 * one switch of the period for both. The amount invoiced is with the sales for a salesperson, with
 * the money movement for financial users. */
function checkIndicators({ financial }) {
    const sales = `${SHEET} .o_ficha_section_indicators`;
    const receivables = `${SHEET} .o_ficha_section_indicators_receivables`;
    const steps = [
        ...visitPage("indicators"),
        {
            content: "the sales indicators are shown",
            trigger: `${sales} .o_ficha_indicator[data-metric-key='ordered'] .o_ficha_indicator_bars`,
        },
    ];
    if (!financial) {
        return [
            ...steps,
            {
                content: "the amount invoiced is with the sales; no receivables indicators for a salesperson",
                trigger: `${SHEET} .tab-pane.active:not(:has(.o_ficha_section_indicators_receivables)) .o_ficha_section_indicators .o_ficha_indicator[data-metric-key='invoiced']`,
            },
        ];
    }
    return [
        ...steps,
        {
            content: "the amount invoiced is with the money movement",
            trigger: `${SHEET} .tab-pane.active:not(:has(.o_ficha_section_indicators .o_ficha_indicator[data-metric-key='invoiced'])) .o_ficha_section_indicators_receivables .o_ficha_indicator[data-metric-key='invoiced']`,
        },
        {
            content: "the receivables indicators are shown, without a switch of their own",
            trigger: `${receivables} .o_ficha_indicator[data-metric-key='due'] .o_ficha_indicator_bars`,
            run() {
                if (this.anchor.closest(".o_ficha_section").querySelector(".btn-group")) {
                    throw new Error("the receivables have a period switch of their own");
                }
            },
        },
        {
            content: "show full years",
            trigger: `${SHEET} .o_ficha_section_indicators .btn-group button:contains('Full years')`,
            run: "click",
        },
        {
            content: "the switch is on full years",
            trigger: `${SHEET} .o_ficha_section_indicators .btn-group button.btn-primary:contains('Full years')`,
        },
    ];
}

registry.category("web_tour.tours").add("ficha_cliente_sales_tour", {
    url: "/odoo",
    steps: () => [
        ...openSheet(),
        ...checkBanners({ financial: false }),
        ...checkSideMenu({ financial: false }),
        ...checkChatter(),
        {
            content: "financial pages are not shown to a salesperson",
            trigger: `${SHEET} .o_notebook:not(:has(.nav-link[name='installments'])):not(:has(.nav-link[name='financial']))`,
        },
        ...COMMON_PAGES.flatMap(visitPage),
        ...checkIndicators({ financial: false }),
        ...newQuotation(),
    ],
});

registry.category("web_tour.tours").add("ficha_cliente_accountant_tour", {
    url: "/odoo",
    steps: () => [
        ...openSheet(),
        ...checkBanners({ financial: true }),
        ...checkSideMenu({ financial: true }),
        ...checkInstallments(),
        ...checkChatter(),
        ...[...FINANCIAL_PAGES, ...COMMON_PAGES].flatMap(visitPage),
        ...checkIndicators({ financial: true }),
        ...checkAlertsPage(),
        ...visitPage("financial"),
        {
            content: "the financial page's two sections: the position, and the overdue installment pending",
            trigger: `${SHEET} .o_ficha_section_financial div[name='largest_purchase']`,
        },
        {
            content: "the pending installments' table shows the overdue one",
            trigger: `${SHEET} .o_ficha_section_financial_payments .o_ficha_installment_table tr.o_data_row.text-danger:contains('1,000.00')`,
        },
        ...downloadExport(),
        ...newQuotation(),
    ],
});

/* The alerts page shows the figures the banner read with its alerts (one evaluation): no read of
 * its own, the overdue alert of the banner in its table, the health lowered by it. */
function checkAlertsPage() {
    let reads;
    return [
        {
            content: "leave the alerts page, then count the reads",
            trigger: `${SHEET} .o_notebook .nav-link[name='warnings_contacts']`,
            run(helpers) {
                reads = countSectionReads();
                return helpers.click();
            },
        },
        ...visitPage("alerts"),
        {
            content: "the alerts page lists the banner's overdue alert",
            trigger: `${SHEET} .o_ficha_section_alerts .o_ficha_alert_details tr:has(.text-bg-danger):contains('past due')`,
        },
        {
            content: "the health factors name the alerts that lower the score",
            trigger: `${SHEET} .o_ficha_section_alerts div[name='ficha_health_factors']:contains('past due')`,
            run() {
                reads.restore();
                if (reads.counts.web_read) {
                    throw new Error(`the alerts page read the server ${reads.counts.web_read} time(s)`);
                }
            },
        },
    ];
}

/* The opening from the list: the sheet's own read, the banner's, the summary's with the first page's
 * (three requests, ficha_sheet_view.js). The pager's next record: the sheet shows the next customer,
 * its header's sections and first page each read once (the sheet is drawn again while they load:
 * one request each all the same; the controller's reads ahead are its opening's only). */
const PAGER = "Pager Cliente";

function countSectionReads() {
    const counts = { banner: 0, summary: 0, installments: 0, together: 0, web_read: 0 };
    const send = browser.XMLHttpRequest.prototype.send;
    browser.XMLHttpRequest.prototype.send = function (body) {
        if (
            typeof body === "string" &&
            (body.includes('"method":"web_read"') || body.includes('"method":"ficha_web_read_sections"'))
        ) {
            counts.web_read += 1;
            counts.banner += body.includes('"ficha_alert_badges"') ? 1 : 0;
            const summary = body.includes('"ficha_section_badges"');
            const installments = body.includes('"ficha_recent_installments_json"');
            counts.summary += summary ? 1 : 0;
            counts.installments += installments ? 1 : 0;
            counts.together += summary && installments ? 1 : 0;
        }
        return send.call(this, body);
    };
    return { counts, restore: () => (browser.XMLHttpRequest.prototype.send = send) };
}

registry.category("web_tour.tours").add("ficha_cliente_pager_tour", {
    url: "/odoo/ficha-cliente",
    steps: () => {
        let reads;
        return [
            {
                content: "search the two customers",
                trigger: ".o_searchview_input",
                run: `edit ${PAGER}`,
            },
            {
                content: "validate the search",
                trigger: ".o_searchview_input",
                run: "press Enter",
            },
            {
                content: "open the first of the two",
                trigger: `.o_list_view .o_data_row:nth-child(2) td.o_data_cell:contains('${PAGER} B')`,
                run() {
                    reads = countSectionReads();
                    document.querySelector(".o_list_view .o_data_row td.o_data_cell").click();
                },
            },
            {
                content: "the first customer's sheet is shown with its summary and first page",
                trigger: `${SHEET}:has(.oe_title:contains('${PAGER} A')) .o_ficha_section_summary .o_form_renderer`,
            },
            {
                content: "the opening read the sheet, its banner, its summary with its first page: three requests",
                trigger: `${SHEET} .o_ficha_section_installments .o_form_renderer`,
                async run() {
                    await new Promise((resolve) => setTimeout(resolve, 500));
                    reads.restore();
                    const { banner, summary, installments, together, web_read } = reads.counts;
                    if (banner !== 1 || summary !== 1 || installments !== 1 || together !== 1 || web_read !== 3) {
                        throw new Error(
                            `opening: ${web_read} reads; ${banner} banners, ${summary} summaries, ` +
                                `${installments} first pages, ${together} of the summary with the first page`
                        );
                    }
                    reads = countSectionReads();
                },
            },
            {
                content: "next record",
                trigger: ".o_pager_next",
                run: "click",
            },
            {
                content: "the next customer's sheet is shown",
                trigger: `${SHEET}:has(.oe_title:contains('${PAGER} B')) .o_ficha_section_summary .o_form_renderer`,
            },
            {
                content: "its banner, its summary and its first page were read once each",
                trigger: `${SHEET} .o_ficha_section_installments .o_form_renderer`,
                async run() {
                    await new Promise((resolve) => setTimeout(resolve, 500));
                    reads.restore();
                    const { banner, summary, installments } = reads.counts;
                    if (banner !== 1 || summary !== 1 || installments !== 1) {
                        throw new Error(
                            `read ${banner} banners, ${summary} summaries and ${installments} first pages`
                        );
                    }
                },
            },
        ];
    },
});
