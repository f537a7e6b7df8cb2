from . import opportunity_attachment_link_wizard
from . import opportunity_import_wizard
from . import opportunity_import_wizard_column
from . import opportunity_lost_wizard
from . import opportunity_print_wizard
from . import opportunity_update_wizard
