import { Chatter } from "@mail/chatter/web_portal/chatter";

import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { Component } from "@odoo/owl";

/**
 * The customer's chatter as a page of the sheet (``<widget name="ficha_chatter"/>``): mail's own
 * ``Chatter`` of the record, drawn (and its messages asked) when the page is opened, not with every
 * opening of the sheet. Odoo's form places a ``<chatter/>`` beside the sheet, outside any page.
 *
 * The chatter fetches as in a form: once per record the sheet loads (``env.chatter``'s flags, set
 * by mail's form controller), so coming back to the page shows the messages already read.
 */
export class FichaChatter extends Component {
    static template = "ficha_cliente.FichaChatter";
    static components = { Chatter };
    static props = { ...standardWidgetProps };

    /** Before a message is posted: the sheet's pending changes (its contact people) are saved. */
    saveRecord() {
        return this.props.record.save();
    }
}

registry.category("view_widgets").add("ficha_chatter", { component: FichaChatter });
