from . import code_pattern
