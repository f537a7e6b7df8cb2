from . import opportunity_opportunity
from . import sale_order
