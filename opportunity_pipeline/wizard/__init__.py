from . import opportunity_import_wizard
from . import opportunity_lost_wizard
from . import opportunity_print_wizard
from . import opportunity_update_wizard
