# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Opportunity Pipeline - Projects",
    "version": "1.1.0",
    "summary": "Projects and tasks created from, and linked to, opportunities",
    "category": "Sales/CRM",
    "author": "opportunity_pipeline developers",
    "website": "https://github.com/opportunity-pipeline/opportunity_pipeline",
    "license": "LGPL-3",
    "maintainers": ["opportunity-pipeline"],
    "development_status": "Beta",
    "depends": ["opportunity_pipeline", "project"],
    "data": [
        "views/opportunity_opportunity_views.xml",
        "views/project_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
