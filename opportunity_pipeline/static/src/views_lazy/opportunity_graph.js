/** @odoo-module **/

import { registry } from "@web/core/registry";
import { GraphModel } from "@web/views/graph/graph_model";
import { graphView } from "@web/views/graph/graph_view";

/**
 * A measure aggregated otherwise than by a sum (a win rate, a success rate, days to close: all
 * averages) means nothing once stacked: two salespeople at 100 % would draw a bar, and a "Sum"
 * line, at 200 %. Such a measure is drawn side by side; going back to a summed measure (value,
 * weighted value, count) stacks again if the view or the user had asked for it.
 */
function isAveraged(metaData) {
    const aggregator = metaData.fields[metaData.measure]?.aggregator;
    return Boolean(aggregator) && aggregator !== "sum";
}

export class OpportunityGraphModel extends GraphModel {
    _buildMetaData(params) {
        const metaData = super._buildMetaData(params);
        if (isAveraged(metaData)) {
            metaData.stackedUnlessAveraged ||= metaData.stacked;
            metaData.stacked = false;
        } else if (metaData.stackedUnlessAveraged) {
            metaData.stacked = true;
            metaData.stackedUnlessAveraged = false;
        }
        return metaData;
    }

    async updateMetaData(params) {
        if (params.stacked && !("measure" in params) && isAveraged(this.metaData)) {
            params = { ...params, stacked: false };
        }
        return super.updateMetaData(params);
    }
}

export const opportunityGraphView = {
    ...graphView,
    Model: OpportunityGraphModel,
};

registry.category("views").add("opportunity_graph", opportunityGraphView);
