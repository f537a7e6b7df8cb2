# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Odoo side of the opportunity import (no model here: the wizard and the history are in
``wizard/`` and ``models/``; the Odoo-free reading and parsing is ``tools/importer``).

Read top-down, in the order of a run:

* :mod:`.options`: :class:`~.options.ImportOptions`, built once from the wizard: the file, its
  limits, the user's mapping and choices; nothing below reads the wizard;
* :mod:`.read`: the file's rows, its problems as an :class:`~.read.ImportFileError`;
* :mod:`.header`: the header row matched (the user's mapping, their memory);
* :mod:`.resolve`: the records a batch names, one search per model;
* :mod:`.prepare`: a record's cells turned into create/write values (nothing written);
* :mod:`.run`: :class:`~.run.ImportRun`, the run itself: savepoints, batches, writing, and
  the :class:`~.history.Outcome` it decides;
* :mod:`.messages`: the translated words of every problem (used by read, header, prepare);
* :mod:`.history`: the outcome written as an ``opportunity.import.history``.

Each module imports only modules listed before it, except :mod:`.messages` and
:mod:`.history`, the two leaves the others call; none imports back a module that imports it.
"""
