import { registry } from "@web/core/registry";
import { View } from "@web/views/view";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { Component, onMounted, useState, useSubEnv } from "@odoo/owl";

/**
 * A section of the customer sheet loaded on its own, when it is shown.
 *
 * The notebook renders only its active page, so a page holding this widget reads its
 * figures and lists (an embedded read-only form of the section's view) when the user
 * opens it, not when the sheet opens. The header's summary (alert banner, headline
 * figures) loads the same way right after the sheet's identity. ``view_id`` is set on
 * the node by ``res.partner._get_view`` from its ``view_ref`` attribute.
 *
 * The section's form starts once the widget is on screen: the sheet (and its chatter,
 * which loads after it) does not wait for the sections' figures, and the header summary,
 * the active page and the chatter are read side by side.
 */
export class FichaSection extends Component {
    static template = "ficha_cliente.FichaSection";
    static components = { View };
    static props = {
        ...standardWidgetProps,
        viewId: { type: Number },
        section: { type: String },
    };

    setup() {
        // The section's form must not rename the sheet's breadcrumb nor take over its
        // action's settings: it gets a configuration of its own (View fills the defaults).
        useSubEnv({ config: {} });
        this.state = useState({ started: false });
        onMounted(() => {
            this.state.started = true;
        });
    }

    get viewProps() {
        const { record } = this.props;
        return {
            type: "form",
            resModel: record.resModel,
            resId: record.resId,
            viewId: this.props.viewId,
            context: record.context,
            display: { controlPanel: false },
            className: `o_ficha_section o_ficha_section_${this.props.section}`,
            preventCreate: true,
            preventEdit: true,
        };
    }
}

export const fichaSection = {
    component: FichaSection,
    extractProps: ({ attrs }) => ({
        viewId: parseInt(attrs.view_id, 10),
        section: attrs.section || "",
    }),
};

registry.category("view_widgets").add("ficha_section", fichaSection);
