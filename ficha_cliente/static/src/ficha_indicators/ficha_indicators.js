import { registry } from "@web/core/registry";
import { formatFloat } from "@web/views/fields/formatters";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

import { Component, useState } from "@odoo/owl";

/**
 * 5-year indicators of the customer sheet: for each indicator, a bar per year (the current year
 * and the four before it) above the figures and the year-over-year change, for the year-to-date
 * period or full years. The bars are plain elements in the figures' own columns, drawn with the
 * page: the figures carry the values, the bars the trend at a glance (a chart library would cost
 * the page a script to load and a canvas to draw per indicator).
 */
// Indicators whose rise is bad news (coloured red when they go up).
const LOWER_IS_BETTER = new Set(["average_discount", "paid_late", "average_days_late", "credit_notes", "open_balance"]);

/**
 * Where each value's bar sits in its column, in % of the column's height: from the zero line
 * (``zero``, above the most negative value) up to a positive value or down to a negative one.
 */
export function barGeometry(values) {
    const low = Math.min(0, ...values);
    const high = Math.max(0, ...values);
    const range = high - low || 1;
    return {
        zero: (-low / range) * 100,
        bars: values.map((value) => ({
            bottom: ((Math.min(value, 0) - low) / range) * 100,
            height: (Math.abs(value) / range) * 100,
        })),
    };
}

export class FichaIndicatorsField extends Component {
    static template = "ficha_cliente.FichaIndicatorsField";
    static props = { ...standardFieldProps, periodSwitch: { type: Boolean, optional: true } };
    static defaultProps = { periodSwitch: true };

    setup() {
        // The period shown, shared by the page's sections (the sales and the receivables: one
        // switch, on the first) through the sheet's ``env.fichaIndicatorsPeriod``.
        this.state = useState(this.env.fichaIndicatorsPeriod || { period: "ytd" });
    }

    get data() {
        return this.props.record.data[this.props.name];
    }

    values(metric) {
        return metric[this.state.period];
    }

    changes(metric) {
        return metric[this.state.period === "ytd" ? "yoy_ytd" : "yoy_full"];
    }

    format(metric, value) {
        if (metric.kind === "count") {
            return formatFloat(value, { digits: [false, 0] });
        }
        if (metric.kind === "percent") {
            return `${formatFloat(value, { digits: [false, 1] })} %`;
        }
        if (metric.kind === "days") {
            return formatFloat(value, { digits: [false, 1] });
        }
        const currency = this.data.currency;
        const amount = formatFloat(value, { digits: [false, currency.digits] });
        return currency.position === "after" ? `${amount} ${currency.symbol}` : `${currency.symbol} ${amount}`;
    }

    formatChange(change) {
        if (change === null || change === undefined) {
            return "—";
        }
        return `${change > 0 ? "+" : ""}${formatFloat(change, { digits: [false, 1] })} %`;
    }

    /** Green when the change is good for the company: more sales, but fewer days late or discounts. */
    changeClass(metric, change) {
        if (!change) {
            return "text-muted";
        }
        const good = LOWER_IS_BETTER.has(metric.key) ? change < 0 : change > 0;
        return good ? "text-success" : "text-danger";
    }

    /** The bars of ``metric`` in the period shown: position, size and the value as their title. */
    bars(metric) {
        const values = this.values(metric);
        const { zero, bars } = barGeometry(values);
        return {
            zero,
            items: bars.map((bar, index) => ({
                style: `bottom: ${bar.bottom}%; height: ${bar.height}%;`,
                current: index === values.length - 1,
                negative: values[index] < 0,
                title: `${this.data.years[index]}: ${this.format(metric, values[index])}`,
            })),
        };
    }

    setPeriod(period) {
        this.state.period = period;
    }
}

export const fichaIndicatorsField = {
    component: FichaIndicatorsField,
    supportedTypes: ["json"],
    extractProps: ({ options }) => ({ periodSwitch: options.period_switch !== false }),
};

registry.category("fields").add("ficha_indicators", fichaIndicatorsField);
