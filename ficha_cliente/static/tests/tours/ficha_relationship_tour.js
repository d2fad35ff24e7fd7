/** @odoo-module **/
/* The relationship pages of the sheet made by tests/test_relationship_tour.py: warning banner,
 * adding a warning, references, the timeline and its "Log a Call" quick action, services. */

import { registry } from "@web/core/registry";

function openPage(name) {
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

registry.category("web_tour.tours").add("ficha_cliente_relationship_tour", {
    steps: () => [
        {
            content: "the blocking sale warning is in the banner",
            trigger: ".o_ficha_cliente div[name='warning_banner'] .alert-danger:contains('Cliente em disputa judicial')",
        },
        {
            content: "the expired warning is not",
            trigger: ".o_ficha_cliente div[name='warning_banner']:not(:contains('Cheque devolvido'))",
        },
        {
            content: "the side menu's Warnings entry counts the blocking warning (the expired one not)",
            trigger: ".o_ficha_cliente .o_ficha_sections .nav-link[name='warnings_contacts'] .o_ficha_section_badge.text-bg-danger:contains('1 blocking')",
        },
        ...openPage("warnings_contacts"),
        {
            content: "the sheet's warnings are listed, the expired one too",
            trigger: "div[name='ficha_warning_ids'] .o_data_row:contains('Cheque devolvido')",
        },
        {
            content: "the stale reference is flagged",
            trigger: ".o_ficha_cliente .alert-warning:contains('not checked')",
        },
        {
            content: "the reference is listed",
            trigger: "div[name='ficha_reference_ids'] .o_data_row:contains('Banco do Brasil')",
        },
        {
            content: "add a warning",
            trigger: "div[name='ficha_warning_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "write its message",
            trigger: "div[name='ficha_warning_ids'] .o_selected_row div[name='message'] textarea",
            run: "edit Só entregar com agendamento",
        },
        {
            content: "save the sheet",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "the new warning shows in the banner",
            trigger: ".o_ficha_cliente div[name='warning_banner'] .alert-warning:contains('Só entregar com agendamento')",
        },
        ...openPage("agenda"),
        {
            content: "the future meeting is on the timeline",
            trigger: "div[name='ficha_interaction_ids'] .o_data_row:contains('Visita de apresentação')",
        },
        {
            content: "log a call",
            trigger: ".o_ficha_cliente button[name='action_ficha_log_call']",
            run: "click",
        },
        {
            content: "the scheduler opens on a Call",
            trigger: ".modal div[name='activity_type_id'] input",
            run: function () {
                if (!this.anchor.value.includes("Call")) {
                    throw new Error(`activity type is ${this.anchor.value}, not a call`);
                }
            },
        },
        {
            content: "summary of the call",
            trigger: ".modal div[name='summary'] input",
            run: "edit Ligou pela tour",
        },
        {
            content: "mark it done",
            trigger: ".modal button[name='action_schedule_activities_done']",
            run: "click",
        },
        {
            content: "the call is on the timeline",
            trigger: "div[name='ficha_interaction_ids'] .o_data_row:contains('Ligou pela tour')",
        },
        ...openPage("services"),
        {
            content: "the repair with its parts is listed",
            trigger: "div[name='ficha_repair_ids'] .o_data_row:contains('+2 Agulha')",
        },
    ],
});
