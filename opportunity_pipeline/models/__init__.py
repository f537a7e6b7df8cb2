from . import (
    opportunity_label,
    opportunity_line,
    opportunity_opportunity,
    opportunity_pipeline,
    opportunity_stage,
    res_company,
    res_config_settings,
)
