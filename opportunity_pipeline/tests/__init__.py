from . import (
    test_opportunity_code,
    test_opportunity_form,
    test_opportunity_i18n,
    test_opportunity_performance,
    test_opportunity_security,
    test_opportunity_settings,
    test_opportunity_stage,
    test_opportunity_ui,
)
