/** @odoo-module **/

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { AnimatedNumber } from "@web/views/view_components/animated_number";
import { ColumnProgress } from "@web/views/view_components/column_progress";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { isRefusal } from "./opportunity_refusal";

const WEIGHTED_FIELD = "weighted_amount";

/**
 * The pipeline's kanban: each column shows the sum of the values (the progress bar's
 * ``sum_field``) and, under it, the sum of the weighted values. Both sums come from the same
 * ``web_read_group`` query (and the same ``read_group`` of an active progress-bar filter): the
 * weighted field is added to the aggregates the controller asks for.
 */
export class OpportunityKanbanController extends KanbanController {
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
    static props = { ...ColumnProgress.props, showAggregate: { type: Boolean, optional: true } };
    static defaultProps = { ...ColumnProgress.defaultProps, showAggregate: true };
}

export class OpportunityKanbanHeader extends KanbanHeader {
    static template = "opportunity_pipeline.OpportunityKanbanHeader";
    static components = {
        ...KanbanHeader.components,
        AnimatedNumber,
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
    static components = { ...KanbanRenderer.components, KanbanHeader: OpportunityKanbanHeader };

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
};

registry.category("views").add("opportunity_kanban", opportunityKanbanView);
