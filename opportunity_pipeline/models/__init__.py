from . import res_company
from . import opportunity_pipeline
from . import opportunity_stage
from . import opportunity_label
from . import opportunity_opportunity
from . import opportunity_line
from . import res_config_settings
