import { Notebook } from "@web/core/notebook/notebook";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { FormController } from "@web/views/form/form_controller";
import { FormRenderer } from "@web/views/form/form_renderer";
import { formView } from "@web/views/form/form_view";

import { Component, onMounted, reactive, useEffect, useState, useSubEnv } from "@odoo/owl";

import { readSectionsAhead } from "../ficha_section/ficha_section";

/**
 * The customer sheet's form (``js_class="ficha_sheet_form"``): its notebook is the side menu of
 * the sections, each entry with a badge (a figure or an alert of the section).
 *
 * The badges are two fields of the header's sections, embedded forms read side by side with the
 * sheet's identity, each with the figures it computes anyway: ``ficha_section_badges`` (the
 * sections' own figures) with the headline figures, ``ficha_alert_badges`` (those following an
 * alert) with the alert banner. Each section's badge is in one of them only. Their
 * ``ficha_section_badges`` widgets hand them to the menu through ``env.fichaSectionBadges``,
 * which the sheet's renderer shares with everything it renders (the header's sections included).
 */
export class FichaSectionMenu extends Notebook {
    static template = "ficha_cliente.FichaSectionMenu";

    setup() {
        super.setup();
        this.fichaBadges = this.env.fichaSectionBadges ? useState(this.env.fichaSectionBadges) : {};
    }

    /** The badge of a page (by its ``name``), for the record the sheet shows. */
    fichaBadge(pageName) {
        const resId = this.env.model?.root?.resId;
        if (!pageName || !resId) {
            return null;
        }
        for (const part of Object.values(this.fichaBadges)) {
            if (part.resId === resId && part.values[pageName]) {
                return part.values[pageName];
            }
        }
        return null;
    }
}

export class FichaSheetRenderer extends FormRenderer {
    static components = { ...FormRenderer.components, Notebook: FichaSectionMenu };

    setup() {
        super.setup();
        let shown = false;
        onMounted(() => {
            shown = true;
            // what was read ahead and not claimed by a section drawn with the sheet (another
            // page shown first) is dropped: a page opened later reads its figures then
            const reads = this.env.fichaSectionReads || {};
            for (const viewId of Object.keys(reads)) {
                delete reads[viewId];
            }
        });
        useSubEnv({
            // {badges field: {resId, values: {page name: badge}}}
            fichaSectionBadges: reactive({}),
            // {section name: its last read of a record}: what a section with read_from shows
            fichaSectionValues: {},
            // the period of the indicators page's sections (year to date or full years)
            fichaIndicatorsPeriod: reactive({ period: "ytd" }),
            // whether the sheet is on screen: the sections it draws with it start after it
            fichaSheetShown: () => shown,
        });
    }
}

/**
 * The sheet's controller: starts the reads of the sections every opening shows (the header's,
 * the alert banner the costliest, and the first page's) together with the sheet's own, so that
 * they do not wait for the sheet's identity to be read and drawn first (``readSectionsAhead``).
 *
 * A section marked ``read_apart`` (the alert banner, the longest) is read in a request of its
 * own, so that it gets a server worker at once; the others (the headline figures and the first
 * page's sections) share one request beside it. The opening sends three requests, not one per
 * section: on a server with as many workers as cores, a fourth one waited for a worker.
 */
export class FichaSheetController extends FormController {
    setup() {
        super.setup();
        const reads = {};
        useSubEnv({ fichaSectionReads: reads });
        const arch = this.props.archInfo.xmlDoc;
        const firstPage = arch.querySelector("notebook > page");
        const sections = [
            ...[...arch.querySelectorAll("widget[name='ficha_section']")].filter(
                (node) => !node.closest("notebook")
            ),
            ...(firstPage ? firstPage.querySelectorAll("widget[name='ficha_section']") : []),
        ];
        const viewIdOf = (node) => parseInt(node.getAttribute("view_id"), 10);
        const apart = sections.filter((node) => node.getAttribute("read_apart") && viewIdOf(node));
        const together = sections.filter((node) => !apart.includes(node) && viewIdOf(node));
        const services = { orm: useService("orm"), view: useService("view") };
        const read = { resModel: this.props.resModel, resId: this.props.resId, context: this.props.context };
        for (const group of [...apart.map((node) => [node]), together]) {
            if (this.props.resId && group.length) {
                Object.assign(reads, readSectionsAhead(services, { ...read, viewIds: group.map(viewIdOf) }));
            }
        }
    }
}

registry.category("views").add("ficha_sheet_form", {
    ...formView,
    Controller: FichaSheetController,
    Renderer: FichaSheetRenderer,
});

/** In a header section: publishes its badges to the sheet's menu; shows nothing. */
export class FichaSectionBadgesField extends Component {
    static template = "ficha_cliente.FichaSectionBadgesField";
    static props = { ...standardFieldProps };

    setup() {
        useEffect(
            (resId, values) => {
                const store = this.env.fichaSectionBadges;
                if (store) {
                    store[this.props.name] = { resId, values: values || {} };
                }
            },
            () => [this.props.record.resId, this.props.record.data[this.props.name]]
        );
    }
}

registry.category("fields").add("ficha_section_badges", {
    component: FichaSectionBadgesField,
    supportedTypes: ["json"],
});
