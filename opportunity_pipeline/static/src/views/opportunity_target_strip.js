/** @odoo-module **/

import { Component, onMounted, useState } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";

/**
 * The current user's sales targets whose period covers today (this month's, then the quarter's
 * and the year's), above the pipeline's columns and the forecast: target, won, likely (the
 * weighted value of the open opportunities expected to close in the period) and percentages.
 * One RPC, ``opportunity.target.get_current_targets``, returns the values already formatted in
 * the user's language and the company's currency; nothing is shown without a target.
 *
 * The RPC does not hold the view back: the columns show at once, the strip when it arrives.
 */
export class OpportunityTargetStrip extends Component {
    static template = "opportunity_pipeline.OpportunityTargetStrip";
    static props = {
        // the forecast also shows the sales process targets its reader may see
        includePipelines: { type: Boolean, optional: true },
    };

    setup() {
        this.orm = useService("orm");
        this.state = useState({ targets: [] });
        // once shown: a view may build a renderer and drop it before it shows (its search
        // panel loads meanwhile), which must not cost an RPC
        onMounted(() => this.load());
    }

    async load() {
        this.state.targets = await this.orm.call("opportunity.target", "get_current_targets", [], {
            include_pipelines: Boolean(this.props.includePipelines),
        });
    }

    barStyle(width) {
        return `width: ${Math.max(width, 0).toFixed(1)}%`;
    }
}
