# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Opportunity Pipeline - Sales",
    "version": "1.1.0",
    "summary": "Quotations and sales orders linked to opportunities",
    "category": "Sales/CRM",
    "author": "opportunity_pipeline developers",
    "website": "https://github.com/opportunity-pipeline/opportunity_pipeline",
    "license": "LGPL-3",
    "maintainers": ["opportunity-pipeline"],
    "development_status": "Beta",
    "depends": ["opportunity_pipeline", "sale"],
    "data": [
        "views/opportunity_opportunity_views.xml",
        "views/sale_order_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "opportunity_pipeline_sale/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
