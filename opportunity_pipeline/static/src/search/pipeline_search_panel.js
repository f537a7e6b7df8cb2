/** @odoo-module **/
/**
 * The pipeline's search panel keeps one sales process (see README, "Pipeline"):
 *
 * - on a kanban of opportunities the "Sales Process" category offers no "All": a kanban grouped
 *   by stage over several processes would mix their columns ("Negotiation" three times); "Clear
 *   all" (phone) keeps the process being looked at;
 * - a process picked in the panel is remembered for the user (res.users.opportunity_pipeline_id),
 *   so the Pipeline menu, a reload and the breadcrumbs come back to it;
 * - in the Pipeline action (/odoo/opportunity-pipeline) the process is written into the address
 *   (?pipeline_id=), so a bookmark or a shared link opens the same process: the server action
 *   behind that path reads it back.
 */

import { useBus } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { SearchModel } from "@web/search/search_model";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { ListController } from "@web/views/list/list_controller";

const MODEL = "opportunity.opportunity";
const FIELD = "pipeline_id";

function getPipelineCategory(searchModel) {
    if (searchModel.resModel !== MODEL || !searchModel.sections) {
        return null;
    }
    return searchModel.categories.find((category) => category.fieldName === FIELD) || null;
}

function isKanban(searchModel) {
    return searchModel.env.config?.viewType === "kanban";
}

patch(SearchModel.prototype, {
    toggleCategoryValue(sectionId, valueId) {
        const category = this.sections.get(sectionId);
        if (valueId && category === getPipelineCategory(this) && valueId !== category.activeValueId) {
            // Not awaited: the view reloads at once; the preference is for the next visit.
            this.orm.silent.call("res.users", "set_opportunity_pipeline", [valueId]);
        }
        return super.toggleCategoryValue(...arguments);
    },

    clearSections(sectionIds) {
        // "Clear all" (the phone's search panel) clears the filters, not the kanban's process:
        // emptied, the process would fall back to the first one, not the one being looked at
        const category = getPipelineCategory(this);
        if (category && isKanban(this)) {
            sectionIds = sectionIds.filter((sectionId) => this.sections.get(sectionId) !== category);
        }
        return super.clearSections(sectionIds);
    },

    _createCategoryTree(sectionId) {
        super._createCategoryTree(...arguments);
        const category = this.sections.get(sectionId);
        if (category === getPipelineCategory(this)) {
            this._keepOnePipeline(category);
        }
    },

    _importState() {
        // switching from the list (where "All" is allowed) to the kanban
        super._importState(...arguments);
        const category = getPipelineCategory(this);
        if (category && this.searchPanelInfo.loaded) {
            this._keepOnePipeline(category);
        }
    },

    _shouldWaitForData() {
        // The kanban must not load with "All" while the panel fetches the processes.
        const category = getPipelineCategory(this);
        return (
            super._shouldWaitForData(...arguments) ||
            Boolean(category && isKanban(this) && !category.activeValueId)
        );
    },

    _keepOnePipeline(category) {
        if (!isKanban(this)) {
            return;
        }
        category.rootIds = category.rootIds.filter(Boolean);
        if (!category.rootIds.includes(category.activeValueId)) {
            category.activeValueId = category.rootIds[0] || false;
            this._reset(); // the domain cached before the category changed
        }
    },
});

/**
 * Writes the process of the panel into the address of the Pipeline action.
 * @param {KanbanController|ListController} controller
 */
function usePipelineInUrl(controller) {
    const { props, env } = controller;
    if (
        props.resModel !== MODEL ||
        !props.context?.opportunity_pipeline_in_url ||
        !props.updateActionState ||
        !env.searchModel
    ) {
        return;
    }
    const sync = () => {
        const pipelineId = getPipelineCategory(env.searchModel)?.activeValueId;
        if (pipelineId) {
            props.updateActionState({ pipeline_id: pipelineId });
        }
    };
    sync();
    useBus(env.searchModel, "update", sync);
}

patch(KanbanController.prototype, {
    setup() {
        super.setup(...arguments);
        usePipelineInUrl(this);
    },
});

patch(ListController.prototype, {
    setup() {
        super.setup(...arguments);
        usePipelineInUrl(this);
    },
});
