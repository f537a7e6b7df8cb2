from . import test_opportunity_code
from . import test_opportunity_stage
from . import test_opportunity_form
from . import test_opportunity_security
from . import test_opportunity_performance
from . import test_opportunity_settings
from . import test_opportunity_ui
