import { parseXML } from "@web/core/utils/xml";
import { registry } from "@web/core/registry";
import {
    extractFieldsFromArchInfo,
    getBasicEvalContext,
    getFieldsSpec,
} from "@web/model/relational_model/utils";
import { FormArchParser } from "@web/views/form/form_arch_parser";
import { View } from "@web/views/view";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { Component, onMounted, useState, useSubEnv } from "@odoo/owl";

/**
 * Reads the record for sections at once, each with the specification its embedded form will ask for
 * (the same view description, parser and specification as the form view's own load).
 *
 * The sheet starts the reads of its header's sections and of its first page's with its
 * own (``ficha_sheet_view.js``): the requests run side by side instead of one after the other.
 * The sections of ``viewIds`` are read in one request (``res.partner.ficha_web_read_sections``,
 * one ``web_read`` per section; a lone section is a plain ``web_read``).
 * A section drawn with the sheet claims the read of its view (``claimSectionRead``) and uses its
 * answer when its form asks for the same record, specification and context; anything else
 * reads as usual.
 *
 * @returns {Object} ``{viewId: Promise<{resModel, resId, kwargs, records}>}``
 */
export function readSectionsAhead(services, { resModel, resId, viewIds, context }) {
    const kwargsOf = async (viewId) => {
        const { fields, relatedModels, views } = await services.view.loadViews({
            context,
            resModel,
            views: [[viewId, "form"]],
        });
        const archInfo = new FormArchParser().parse(parseXML(views.form.arch), relatedModels, resModel);
        const { activeFields, fields: allFields } = extractFieldsFromArchInfo(archInfo, fields);
        return {
            context: { bin_size: true, ...context },
            specification: getFieldsSpec(activeFields, allFields, getBasicEvalContext({ context })),
        };
    };
    const allKwargs = Promise.all(viewIds.map(kwargsOf));
    const allRecords = allKwargs.then((kwargsList) =>
        kwargsList.length === 1
            ? Promise.all([services.orm.webRead(resModel, [resId], kwargsList[0])])
            : services.orm.call(
                  resModel,
                  "ficha_web_read_sections",
                  [[resId], kwargsList.map((kwargs) => kwargs.specification)],
                  { context: kwargsList[0].context }
              )
    );
    const reads = {};
    viewIds.forEach((viewId, index) => {
        reads[viewId] = (async () => {
            const [kwargsList, records] = await Promise.all([allKwargs, allRecords]);
            return { resModel, resId, kwargs: kwargsList[index], records: records[index] };
        })();
        // A failed read ahead is not an error of its own: the section then reads as usual.
        reads[viewId].catch(() => {});
    });
    return reads;
}

/** The read started ahead for ``viewId``, taken out of the sheet's store (once). */
function claimSectionRead(store, viewId) {
    const read = store?.[viewId];
    if (read) {
        delete store[viewId];
    }
    return read || null;
}

/** The records read ahead, when they answer this very request (else null). */
async function answerOf(read, resModel, resIds, kwargs) {
    const result = await read.catch(() => null);
    const same =
        result &&
        result.resModel === resModel &&
        resIds.length === 1 &&
        resIds[0] === result.resId &&
        JSON.stringify(result.kwargs) === JSON.stringify(kwargs);
    return same ? result.records : null;
}

/**
 * The record of ``resIds`` as the section ``name`` last read it (``env.fichaSectionValues``),
 * when that read holds every field of ``kwargs`` (same specification and context); else null.
 */
function sharedRecords(store, name, resModel, resIds, kwargs) {
    const shared = store?.[name];
    if (!shared || shared.resModel !== resModel || resIds.length !== 1 || resIds[0] !== shared.resId) {
        return null;
    }
    if (JSON.stringify(shared.kwargs.context) !== JSON.stringify(kwargs.context)) {
        return null;
    }
    const record = { id: shared.record.id };
    for (const [fieldName, spec] of Object.entries(kwargs.specification)) {
        if (
            !(fieldName in shared.record) ||
            JSON.stringify(spec) !== JSON.stringify(shared.kwargs.specification[fieldName])
        ) {
            return null;
        }
        record[fieldName] = shared.record[fieldName];
    }
    return [structuredClone(record)];
}

/**
 * A section of the customer sheet loaded on its own, when it is shown.
 *
 * The notebook renders only its active page, so a page holding this widget reads its
 * figures and lists (an embedded read-only form of the section's view) when the user
 * opens it, not when the sheet opens. The header's sections (alert banner, headline figures)
 * and the first page are read alongside the sheet's identity (``readSectionsAhead``).
 * ``view_id`` is set on the node by ``res.partner._get_view`` from its ``view_ref`` attribute.
 *
 * While the sheet is being drawn (``env.fichaSheetShown`` not yet set), the section's form
 * starts once the widget is on screen: the sheet does not wait for the sections' figures
 * (read ahead by its controller). A page opened later starts at once.
 *
 * A section with ``read_from`` (another section's name) shows what that section last read of the
 * record when it holds all its fields: the alerts page, the figures of the banner's evaluation
 * (one evaluation of the rules per opening; the page never disagrees with the banner).
 */
export class FichaSection extends Component {
    static template = "ficha_cliente.FichaSection";
    static components = { View };
    static props = {
        ...standardWidgetProps,
        viewId: { type: Number },
        section: { type: String },
        readFrom: { type: String, optional: true },
    };

    setup() {
        // The section's form must not rename the sheet's breadcrumb nor take over its
        // action's settings: it gets a configuration of its own (View fills the defaults).
        // Its reads go through an ORM that first looks at what the sheet read ahead.
        const { services, fichaSectionReads, fichaSectionValues } = this.env;
        const { readFrom, section } = this.props;
        const orm = services.orm;
        let ahead = claimSectionRead(fichaSectionReads, this.props.viewId);
        // Reads in flight, by their arguments: when the section's form is created again while it
        // is still loading (as when the pager shows the next record), the second one shares the
        // first one's read instead of sending the same request again; each gets its own copy.
        const inFlight = new Map();
        const sectionOrm = Object.create(orm, {
            webRead: {
                value: async (resModel, resIds, kwargs) => {
                    const shared =
                        readFrom && sharedRecords(fichaSectionValues, readFrom, resModel, resIds, kwargs);
                    if (shared) {
                        return shared;
                    }
                    const key = JSON.stringify([resModel, resIds, kwargs]);
                    if (!inFlight.has(key)) {
                        const read = ahead;
                        ahead = null; // the section's first read only: a reload asks the server
                        const request = (async () =>
                            (read && (await answerOf(read, resModel, resIds, kwargs))) ||
                            orm.webRead(resModel, resIds, kwargs))();
                        inFlight.set(key, request);
                        request.finally(() => inFlight.delete(key)).catch(() => {});
                    }
                    const records = await inFlight.get(key);
                    if (fichaSectionValues && records.length === 1 && resIds.length === 1) {
                        fichaSectionValues[section] = { resModel, resId: resIds[0], kwargs, record: records[0] };
                    }
                    return structuredClone(records);
                },
            },
        });
        useSubEnv({
            config: {},
            services: Object.create(services, { orm: { value: sectionOrm } }),
        });
        this.state = useState({ started: Boolean(this.env.fichaSheetShown?.()) });
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
        readFrom: attrs.read_from || undefined,
    }),
};

registry.category("view_widgets").add("ficha_section", fichaSection);
