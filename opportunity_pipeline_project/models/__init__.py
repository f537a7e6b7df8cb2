from . import opportunity_project_link_mixin
from . import opportunity_opportunity
from . import project_project
from . import project_task
