/** @odoo-module **/
/**
 * The search model of the opportunities' own kanban and list views (js_class
 * ``opportunity_kanban`` and ``opportunity_list``), and the hook their controllers use to write
 * the sales process into the address. Nothing here touches Odoo's classes: other apps' views keep
 * Odoo's search model. The pipeline's search panel keeps one sales process (see README,
 * "Pipeline"):
 *
 * - on the kanban the "Sales Process" category offers no "All": a kanban grouped by stage over
 *   several processes would mix their columns ("Negotiation" three times); "Clear all" (phone)
 *   keeps the process being looked at; the list keeps "All";
 * - a process picked in the panel is remembered for the user (res.users.opportunity_pipeline_id),
 *   so the Pipeline menu, a reload and the breadcrumbs come back to it;
 * - in the Pipeline action (/odoo/opportunity-pipeline) the process is written into the address
 *   (?pipeline_id=), so a reload, a bookmark or a shared link opens the same process: the
 *   search model reads it back from the address (see {@link takeAddressPipelineId}).
 */

import { useComponent } from "@odoo/owl";
import { router, routerBus } from "@web/core/browser/router";
import { useBus } from "@web/core/utils/hooks";
import { SearchModel } from "@web/search/search_model";

const PIPELINE_FIELD = "pipeline_id";
// the path of the Pipeline action (its server action, views/opportunity_opportunity_views.xml)
const PIPELINE_PATH = "opportunity-pipeline";

// The process named by the address the web client loads (a reload, a bookmark, a shared link,
// the browser's back and forward buttons), until the Pipeline's search model takes it. Odoo 18.0
// passes the address's query to the server action (``params``) but 19.0 does not, and on a
// reload 19.0 reuses the action stored in the tab: the search model applies it itself.
let addressPipelineId = null;

function readAddress() {
    const state = router.current || {};
    const pipelineId = parseInt(state[PIPELINE_FIELD]);
    addressPipelineId = state.action === PIPELINE_PATH && pipelineId > 0 ? pipelineId : null;
}
readAddress();
routerBus.addEventListener("ROUTE_CHANGE", readAddress);

/** @returns {number|null} the process of the address being loaded, once */
function takeAddressPipelineId() {
    const pipelineId = addressPipelineId;
    addressPipelineId = null;
    return pipelineId;
}

export class OpportunitySearchModel extends SearchModel {
    async load(config) {
        // The Pipeline action loaded from an address naming a process: that process, the
        // action's one (the remembered process) if the user may not read it.
        this.fallbackPipelineId = null;
        const context = config.context || {};
        const addressId = context.opportunity_pipeline_in_url ? takeAddressPipelineId() : null;
        if (addressId && !config.state) {
            this.fallbackPipelineId = context[`searchpanel_default_${PIPELINE_FIELD}`] || null;
            config = {
                ...config,
                context: { ...context, [`searchpanel_default_${PIPELINE_FIELD}`]: addressId },
            };
        }
        return super.load(config);
    }

    /** @returns {Object|null} the search panel's "Sales Process" category, if any */
    get pipelineCategory() {
        if (!this.sections) {
            return null;
        }
        return this.categories.find((category) => category.fieldName === PIPELINE_FIELD) || null;
    }

    /** A kanban grouped by stage shows one process; the list may show them all. */
    get keepsOnePipeline() {
        return this.env.config?.viewType === "kanban";
    }

    toggleCategoryValue(sectionId, valueId) {
        const category = this.sections.get(sectionId);
        if (valueId && category === this.pipelineCategory && valueId !== category.activeValueId) {
            // Not awaited: the view reloads at once; the preference is for the next visit.
            this.orm.silent.call("res.users", "set_opportunity_pipeline", [valueId]);
        }
        return super.toggleCategoryValue(...arguments);
    }

    clearSections(sectionIds) {
        // "Clear all" (the phone's search panel) clears the filters, not the kanban's process:
        // emptied, the process would fall back to the first one, not the one being looked at
        const category = this.pipelineCategory;
        if (category && this.keepsOnePipeline) {
            sectionIds = sectionIds.filter((id) => this.sections.get(id) !== category);
        }
        return super.clearSections(sectionIds);
    }

    _createCategoryTree(sectionId) {
        super._createCategoryTree(...arguments);
        const category = this.sections.get(sectionId);
        if (category === this.pipelineCategory) {
            this._fitPipelineCategory(category);
        }
    }

    _ensureCategoryValue(category, valueIds) {
        const fallback = this.fallbackPipelineId;
        if (
            fallback &&
            category === this.pipelineCategory &&
            !valueIds.includes(category.activeValueId) &&
            valueIds.includes(fallback)
        ) {
            category.activeValueId = fallback;
        }
        return super._ensureCategoryValue(...arguments);
    }

    _importState() {
        // switching views: from the list (where "All" is allowed) to the kanban, and back
        super._importState(...arguments);
        const category = this.pipelineCategory;
        if (category && this.searchPanelInfo.loaded) {
            this._fitPipelineCategory(category);
        }
    }

    _shouldWaitForData() {
        // The kanban must not load with "All" while the panel fetches the processes.
        const category = this.pipelineCategory;
        return (
            super._shouldWaitForData(...arguments) ||
            Boolean(category && this.keepsOnePipeline && !category.activeValueId)
        );
    }

    /** The kanban: one process selected, no "All"; the list: "All" offered. */
    _fitPipelineCategory(category) {
        if (!this.keepsOnePipeline) {
            // back from the kanban (its state has no "All"): the list offers it again
            if (!category.rootIds.includes(false)) {
                category.rootIds = [false, ...category.rootIds];
            }
            return;
        }
        category.rootIds = category.rootIds.filter(Boolean);
        if (!category.rootIds.includes(category.activeValueId)) {
            category.activeValueId = category.rootIds[0] || false;
            this._reset(); // the domain cached before the category changed
        }
    }
}

/**
 * Writes the process of the panel into the address of the Pipeline action (the action's
 * context has ``opportunity_pipeline_in_url``), at once and on every search. To be called in
 * the ``setup`` of a controller whose view uses {@link OpportunitySearchModel}.
 */
export function usePipelineInUrl() {
    const { props, env } = useComponent();
    if (
        !props.context?.opportunity_pipeline_in_url ||
        !props.updateActionState ||
        !(env.searchModel instanceof OpportunitySearchModel)
    ) {
        return;
    }
    const sync = () => {
        const pipelineId = env.searchModel.pipelineCategory?.activeValueId;
        if (pipelineId) {
            props.updateActionState({ pipeline_id: pipelineId });
        }
    };
    sync();
    useBus(env.searchModel, "update", sync);
}
