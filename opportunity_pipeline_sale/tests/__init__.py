from . import test_opportunity_sale
from . import test_opportunity_sale_link
from . import test_sale_without_opportunity_rights
