// Mock models and archs shared by the unit tests of opportunity_pipeline (static/tests/*.test.js):
// two sales processes with their stages and a few opportunities, the pipeline's search view (the
// "Sales Process" category of its search panel), its kanban (with the progress bar's sum) and list;
// no sales target.

import { defineModels, fields, models } from "@web/../tests/web_test_helpers";

export const SEARCH_ARCH = /* xml */ `
    <search>
        <field name="name"/>
        <filter name="filter_open" string="Open" domain="[('state', '=', 'open')]"/>
        <searchpanel>
            <field name="pipeline_id" string="Sales Process" enable_counters="1" expand="1"/>
            <field name="state" string="Status" select="multi"/>
        </searchpanel>
    </search>`;

export const KANBAN_ARCH = /* xml */ `
    <kanban js_class="opportunity_kanban" default_group_by="stage_id">
        <progressbar field="state" colors='{"open": "success", "won": "info"}' sum_field="amount"/>
        <templates>
            <t t-name="card">
                <field name="name"/>
            </t>
        </templates>
    </kanban>`;

export const LIST_ARCH = /* xml */ `
    <list js_class="opportunity_list">
        <field name="name"/>
        <field name="pipeline_id"/>
        <field name="amount"/>
    </list>`;

export class OpportunityPipeline extends models.Model {
    _name = "opportunity.pipeline";

    name = fields.Char();

    _records = [
        { id: 1, name: "Retail" },
        { id: 2, name: "Wholesale" },
    ];
}

export class OpportunityStage extends models.Model {
    _name = "opportunity.stage";

    name = fields.Char();
    pipeline_id = fields.Many2one({ relation: "opportunity.pipeline" });

    _records = [
        { id: 11, name: "Retail Lead", pipeline_id: 1 },
        { id: 12, name: "Retail Won", pipeline_id: 1 },
        { id: 21, name: "Wholesale Lead", pipeline_id: 2 },
    ];
}

export class OpportunityOpportunity extends models.Model {
    _name = "opportunity.opportunity";

    name = fields.Char();
    pipeline_id = fields.Many2one({ string: "Sales Process", relation: "opportunity.pipeline" });
    stage_id = fields.Many2one({ string: "Stage", relation: "opportunity.stage" });
    state = fields.Selection({
        string: "Status",
        selection: [
            ["open", "Open"],
            ["won", "Won"],
        ],
    });
    amount = fields.Float({ string: "Value", aggregator: "sum" });
    weighted_amount = fields.Float({ string: "Weighted Value", aggregator: "sum" });

    _records = [
        {
            id: 1,
            name: "Retail deal 1",
            pipeline_id: 1,
            stage_id: 11,
            state: "open",
            amount: 30_000_000,
            weighted_amount: 7_500_000,
        },
        {
            id: 2,
            name: "Retail deal 2",
            pipeline_id: 1,
            stage_id: 11,
            state: "open",
            amount: 18_000_000,
            weighted_amount: 5_000_000,
        },
        {
            id: 3,
            name: "Retail big deal",
            pipeline_id: 1,
            stage_id: 12,
            state: "won",
            amount: 1_500_000_000,
            weighted_amount: 1_500_000_000,
        },
        {
            id: 4,
            name: "Wholesale deal",
            pipeline_id: 2,
            stage_id: 21,
            state: "open",
            amount: 2_000_000,
            weighted_amount: 1_000_000,
        },
    ];

    _views = {
        search: SEARCH_ARCH,
        kanban: KANBAN_ARCH,
        list: LIST_ARCH,
    };
}

/** The kanban's targets strip asks for the user's targets: none here. */
export class OpportunityTarget extends models.Model {
    _name = "opportunity.target";

    name = fields.Char();

    get_current_targets() {
        return [];
    }
}

export function defineOpportunityModels() {
    return defineModels([
        OpportunityPipeline,
        OpportunityStage,
        OpportunityOpportunity,
        OpportunityTarget,
    ]);
}
