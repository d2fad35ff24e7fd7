import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatInteger, formatMonetary } from "@web/views/fields/formatters";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

import { Component } from "@odoo/owl";

// The colours of a status, as the installments' list decorates its rows and its status badges.
const ROW_LEVELS = { overdue: "danger", paid_late: "warning", paid_on_time: "success", credit_note: "info" };
const BADGE_LEVELS = { ...ROW_LEVELS, partial: "info" };

/**
 * The sheet's installment tables: the latest installments on its first page
 * (``ficha_recent_installments_json``) and the pending ones first due on the financial page
 * (``ficha_first_pending_installments_json``). A plain read-only table of the values the server read
 * from each installment: the columns the server sent, in its order, with the fields' labels, each
 * value formatted by its field's type (the pending installments have no invoice date, original
 * amount or settlement date).
 *
 * Every opening of the sheet draws the first page. A list field would build a record, a list and
 * its column widths (a layout of the whole page) for 20 rows the user only reads; this table costs a
 * template. A row opens its invoice or credit note (the installment's ``action_open_document``);
 * "All Installments" and "Settle Pending Installments" open them all in Odoo's list.
 */
export class FichaInstallmentTableField extends Component {
    static template = "ficha_cliente.FichaInstallmentTableField";
    static props = { ...standardFieldProps };

    setup() {
        this.action = useService("action");
    }

    get table() {
        return this.props.record.data[this.props.name] || { columns: {}, types: {}, rows: [] };
    }

    rowClass(row) {
        const level = ROW_LEVELS[row.status];
        return level ? `o_data_row cursor-pointer text-${level}` : "o_data_row cursor-pointer";
    }

    badgeClass(row) {
        return `badge rounded-pill text-bg-${BADGE_LEVELS[row.status] || "secondary"}`;
    }

    /** Whether the column ``name`` holds numbers (right-aligned, as in Odoo's lists). */
    isNumber(name) {
        return ["monetary", "integer", "float"].includes(this.table.types[name]);
    }

    /** The value of ``name`` in ``row``, formatted by its field's type. */
    cell(row, name) {
        const value = row[name];
        switch (this.table.types[name]) {
            case "date":
                return value ? formatDate(deserializeDate(value)) : "";
            case "monetary":
                return value === null || value === undefined ? "" : formatMonetary(value, { currencyId: row.currency_id });
            case "integer":
                return formatInteger(value);
            default:
                return value || "";
        }
    }

    async openDocument(row) {
        await this.action.doActionButton({
            type: "object",
            name: "action_open_document",
            resModel: "ficha.installment",
            resId: row.id,
            context: this.props.record.context,
        });
    }
}

registry.category("fields").add("ficha_installment_table", {
    component: FichaInstallmentTableField,
    supportedTypes: ["json"],
});
