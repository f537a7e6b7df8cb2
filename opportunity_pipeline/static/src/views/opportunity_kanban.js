/** @odoo-module **/
// The pipeline's kanban view (js_class opportunity_kanban): column sums of the value and the
// weighted value, the sales targets strip, refused stage moves as notifications.

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { ColumnProgress } from "@web/views/view_components/column_progress";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { OpportunitySearchModel, usePipelineInUrl } from "../search/opportunity_search_model";
import { OpportunityAnimatedNumber } from "./opportunity_animated_number";
import { isRefusal } from "./opportunity_refusal";
import { OpportunityTargetStrip } from "./opportunity_target_strip";

const WEIGHTED_FIELD = "weighted_amount";

/**
 * The pipeline's kanban: each column shows the sum of the values (the progress bar's
 * ``sum_field``) and, under it, the sum of the weighted values. Both sums come from the same
 * ``web_read_group`` query (and the same ``read_group`` of an active progress-bar filter): the
 * weighted field is added to the aggregates the controller asks for.
 */
export class OpportunityKanbanController extends KanbanController {
    setup() {
        super.setup();
        usePipelineInUrl();
    }

    get progressBarAggregateFields() {
        const fields = super.progressBarAggregateFields;
        const weighted = this.props.fields[WEIGHTED_FIELD];
        if (weighted && fields.length && !fields.some((field) => field.name === WEIGHTED_FIELD)) {
            fields.push(weighted);
        }
        return fields;
    }
}

/** The progress bar of a column, with its total only when asked (never on sample data). */
export class OpportunityColumnProgress extends ColumnProgress {
    static template = "opportunity_pipeline.OpportunityColumnProgress";
    static components = { ...ColumnProgress.components, AnimatedNumber: OpportunityAnimatedNumber };
    static props = { ...ColumnProgress.props, showAggregate: { type: Boolean, optional: true } };
    static defaultProps = { ...ColumnProgress.defaultProps, showAggregate: true };
}

export class OpportunityKanbanHeader extends KanbanHeader {
    static template = "opportunity_pipeline.OpportunityKanbanHeader";
    static components = {
        ...KanbanHeader.components,
        AnimatedNumber: OpportunityAnimatedNumber,
        ColumnProgress: OpportunityColumnProgress,
    };

    /**
     * The faded sample cards of an empty process are made up: their sums, in bold, would read
     * as real money. Sums are shown for real opportunities only.
     */
    get showAggregates() {
        return !this.props.list.model.useSampleModel;
    }

    get weightedAggregate() {
        const { group, progressBarState } = this.props;
        const field = this.props.list.fields[WEIGHTED_FIELD];
        if (!progressBarState || !field || !this.showAggregates) {
            return null;
        }
        return progressBarState.getAggregateValue(group, field);
    }
}

export class OpportunityKanbanRenderer extends KanbanRenderer {
    // the current user's targets above the columns (opportunity_target_strip.js)
    static template = "opportunity_pipeline.OpportunityKanbanRenderer";
    static components = {
        ...KanbanRenderer.components,
        KanbanHeader: OpportunityKanbanHeader,
        OpportunityTargetStrip,
    };

    setup() {
        super.setup();
        this.notification = useService("notification");
    }

    /**
     * A card dropped in a column the server refuses (a stage that requires fields the
     * opportunity leaves empty): the model has already put the card back in its column; say
     * why in a notification instead of a blocking dialog.
     */
    async sortRecordDrop(...args) {
        try {
            await super.sortRecordDrop(...args);
        } catch (error) {
            if (!isRefusal(error)) {
                throw error;
            }
            this.notification.add(error.data.message, {
                title: _t("The opportunity was not moved"),
                type: "danger",
                className: "o_opportunity_stage_refused",
            });
        }
    }
}

export const opportunityKanbanView = {
    ...kanbanView,
    Controller: OpportunityKanbanController,
    Renderer: OpportunityKanbanRenderer,
    SearchModel: OpportunitySearchModel,
};

registry.category("views").add("opportunity_kanban", opportunityKanbanView);
