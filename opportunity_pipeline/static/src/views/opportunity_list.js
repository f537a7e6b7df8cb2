/** @odoo-module **/
/**
 * The opportunities' list view (js_class ``opportunity_list``): Odoo's list with the pipeline's
 * search model (the search panel keeps "All" here, a picked process is remembered for the user)
 * and, in the Pipeline action, the process written into the address.
 */

import { registry } from "@web/core/registry";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";
import { OpportunitySearchModel, usePipelineInUrl } from "../search/opportunity_search_model";

export class OpportunityListController extends ListController {
    setup() {
        super.setup();
        usePipelineInUrl();
    }
}

export const opportunityListView = {
    ...listView,
    Controller: OpportunityListController,
    SearchModel: OpportunitySearchModel,
};

registry.category("views").add("opportunity_list", opportunityListView);
