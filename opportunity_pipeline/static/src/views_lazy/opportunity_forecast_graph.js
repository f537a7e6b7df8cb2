/** @odoo-module **/

import { registry } from "@web/core/registry";
import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { OpportunityTargetStrip } from "@opportunity_pipeline/views/opportunity_target_strip";
import { opportunityGraphView } from "./opportunity_graph";

/**
 * The forecast's graph (Reporting > Forecast) with, above the chart, the targets of the
 * current periods its reader may see: their own and, for sales leads, the sales processes'.
 * What is likely to close next to what was promised.
 */
export class OpportunityForecastGraphRenderer extends GraphRenderer {
    static template = "opportunity_pipeline.OpportunityForecastGraphRenderer";
    static components = { ...GraphRenderer.components, OpportunityTargetStrip };
}

export const opportunityForecastGraphView = {
    ...opportunityGraphView,
    Renderer: OpportunityForecastGraphRenderer,
};

registry.category("views").add("opportunity_forecast_graph", opportunityForecastGraphView);
