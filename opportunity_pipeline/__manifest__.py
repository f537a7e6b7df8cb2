# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Opportunity Pipeline",
    "version": "1.3.0",
    "summary": "Sales processes with coloured stages, pattern-coded opportunities, "
    "list and kanban (1Office Opportunities for Odoo)",
    "category": "Sales/CRM",
    "author": "opportunity_pipeline developers",
    "website": "https://github.com/opportunity-pipeline/opportunity_pipeline",
    "license": "LGPL-3",
    "maintainers": ["opportunity-pipeline"],
    "development_status": "Beta",
    "depends": ["base_setup", "base_import", "mail", "product"],
    # Every third-party package the addon's code imports (PyPI names), except lxml, psycopg2 and
    # MarkupSafe, without which Odoo itself does not start; imports of tests/ only are Odoo's own
    # requirements (freezegun, PyPDF2, xlwt) or come with docxtpl (python-docx).
    "external_dependencies": {
        "python": ["chardet", "docxtpl", "jinja2", "openpyxl", "xlrd", "xlsxwriter"],
    },
    "data": [
        "security/opportunity_pipeline_security.xml",
        "security/ir.model.access.csv",
        "data/opportunity_data.xml",
        "data/opportunity_counter_data.xml",
        "data/opportunity_lost_reason_data.xml",
        "data/opportunity_mail_template_data.xml",
        "data/opportunity_notification_templates.xml",
        "data/opportunity_export_data.xml",
        "report/opportunity_reports.xml",
        "report/opportunity_templates.xml",
        "wizard/opportunity_lost_wizard_views.xml",
        "wizard/opportunity_update_wizard_views.xml",
        "wizard/opportunity_print_wizard_views.xml",
        "wizard/opportunity_attachment_link_wizard_views.xml",
        "views/mail_activity_plan_views.xml",
        "views/opportunity_stage_views.xml",
        "views/opportunity_pipeline_views.xml",
        "views/opportunity_label_views.xml",
        "views/opportunity_opportunity_views.xml",
        "views/opportunity_line_views.xml",
        "views/opportunity_opportunity_assign_views.xml",
        "views/opportunity_document_link_views.xml",
        "views/opportunity_opportunity_attachment_views.xml",
        "views/ir_attachment_views.xml",
        "views/opportunity_opportunity_actions.xml",
        "views/res_partner_views.xml",
        "views/opportunity_opportunity_analysis_views.xml",
        "views/opportunity_lost_reason_views.xml",
        "views/opportunity_document_template_views.xml",
        "views/opportunity_stage_log_views.xml",
        "views/opportunity_import_history_views.xml",
        "wizard/opportunity_import_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/opportunity_target_views.xml",
        "views/opportunity_pipeline_menus.xml",
    ],
    "demo": [
        "demo/opportunity_playbook_demo.xml",
        "demo/opportunity_demo.xml",
        "demo/opportunity_target_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "opportunity_pipeline/static/src/scss/opportunity_pipeline.scss",
            "opportunity_pipeline/static/src/fields/*",
            "opportunity_pipeline/static/src/search/*",
            "opportunity_pipeline/static/src/views/*",
        ],
        # graph and pivot views load on first use (Odoo's lazy bundle): so do their extensions
        "web.assets_backend_lazy": [
            "opportunity_pipeline/static/src/views_lazy/*",
        ],
        "web.assets_tests": [
            "opportunity_pipeline/static/tests/tours/*.js",
        ],
        # hoot unit tests (/web/tests), run by tests/test_opportunity_js_unit.py
        "web.assets_unit_tests": [
            "opportunity_pipeline/static/tests/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
