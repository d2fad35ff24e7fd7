import { _t } from "@web/core/l10n/translation";
import { loadBundle } from "@web/core/assets";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/views/fields/formatters";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";

/**
 * 5-year indicators of the customer sheet: one bar chart per indicator (the
 * current year and the four before it) with the figures and the
 * year-over-year change below, for the year-to-date period or full years.
 * Chart.js is the one the web client ships (lazy bundle web.chartjs_lib).
 */
// Indicators whose rise is bad news (coloured red when they go up).
const LOWER_IS_BETTER = new Set(["average_discount", "paid_late", "average_days_late", "credit_notes", "open_balance"]);

export class FichaIndicatorsField extends Component {
    static template = "ficha_cliente.FichaIndicatorsField";
    static props = { ...standardFieldProps, periodSwitch: { type: Boolean, optional: true } };
    static defaultProps = { periodSwitch: true };

    setup() {
        // The period shown, shared by the page's sections (the sales and the receivables: one
        // switch, on the first) through the sheet's ``env.fichaIndicatorsPeriod``.
        this.state = useState(this.env.fichaIndicatorsPeriod || { period: "ytd" });
        this.rootRef = useRef("root");
        this.charts = [];
        onWillStart(async () => await loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderCharts();
                return () => this.destroyCharts();
            },
            () => [this.data, this.state.period]
        );
    }

    get data() {
        return this.props.record.data[this.props.name];
    }

    get periodLabel() {
        return this.state.period === "ytd" ? _t("Year to date") : _t("Full years");
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

    /** Axis ticks in the user's number format, decimals only where the step needs them. */
    formatTick(value) {
        return formatFloat(value, { digits: [false, Number.isInteger(value) ? 0 : 1] });
    }

    setPeriod(period) {
        this.state.period = period;
    }

    destroyCharts() {
        for (const chart of this.charts) {
            chart.destroy();
        }
        this.charts = [];
    }

    renderCharts() {
        this.destroyCharts();
        if (!this.data || !this.rootRef.el) {
            return;
        }
        const metrics = Object.fromEntries(
            this.data.sections.flatMap((section) => section.metrics.map((metric) => [metric.key, metric]))
        );
        for (const canvas of this.rootRef.el.querySelectorAll("canvas[data-metric]")) {
            const metric = metrics[canvas.dataset.metric];
            const values = this.values(metric);
            const last = values.length - 1;
            this.charts.push(
                new Chart(canvas, {
                    type: "bar",
                    data: {
                        labels: this.data.years.map(String),
                        datasets: [
                            {
                                label: metric.label,
                                data: values,
                                backgroundColor: values.map((_value, index) => (index === last ? "#714B67" : "#C9B6C4")),
                            },
                        ],
                    },
                    options: {
                        responsive: true,
                        maintainAspectRatio: false,
                        animation: false,
                        plugins: {
                            legend: { display: false },
                            tooltip: {
                                callbacks: { label: (item) => this.format(metric, item.raw) },
                            },
                        },
                        scales: {
                            y: {
                                beginAtZero: true,
                                ticks: { maxTicksLimit: 4, callback: (value) => this.formatTick(value) },
                            },
                        },
                    },
                })
            );
        }
    }
}

export const fichaIndicatorsField = {
    component: FichaIndicatorsField,
    supportedTypes: ["json"],
    extractProps: ({ options }) => ({ periodSwitch: options.period_switch !== false }),
};

registry.category("fields").add("ficha_indicators", fichaIndicatorsField);
