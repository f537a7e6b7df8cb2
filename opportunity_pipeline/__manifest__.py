{
    "name": "Opportunity Pipeline",
    "version": "18.0.1.0.0",
    "summary": "Sales processes with coloured stages, pattern-coded opportunities, "
    "list and kanban (1Office Opportunities for Odoo)",
    "category": "Sales/CRM",
    "author": "opportunity_pipeline developers",
    "website": "https://github.com/opportunity-pipeline/opportunity_pipeline",
    "license": "LGPL-3",
    "depends": ["base_setup", "mail", "product"],
    "data": [
        "security/opportunity_pipeline_security.xml",
        "security/ir.model.access.csv",
        "data/opportunity_data.xml",
        "views/opportunity_stage_views.xml",
        "views/opportunity_pipeline_views.xml",
        "views/opportunity_label_views.xml",
        "views/opportunity_opportunity_views.xml",
        "views/res_config_settings_views.xml",
        "views/opportunity_pipeline_menus.xml",
    ],
    "demo": [
        "demo/opportunity_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "opportunity_pipeline/static/src/scss/opportunity_pipeline.scss",
            "opportunity_pipeline/static/src/fields/*",
        ],
        "web.assets_tests": [
            "opportunity_pipeline/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
