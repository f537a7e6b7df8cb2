# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Odoo-free part of the opportunity import, bottom-up (each module imports only the ones
above it in this list, none imports back):

* :mod:`.cells`: the cell types (:class:`~.cells.Percent`, :class:`~.cells.CellError`), the
  error of unreadable files (:class:`~.cells.ReadError`) and the helpers that build cells;
* :mod:`.container`: what a file holds (OLE, which zip) and its XML parts, streamed;
* one reader per format: :mod:`.csv_reader` (.csv, .tsv, .txt), :mod:`.xls_reader`,
  :mod:`.xlsx_reader`, :mod:`.ods_reader`;
* :mod:`.rows`: :func:`~.rows.read_rows`, which picks the reader of a file and guards its rows;
* :mod:`.columns`: the import's columns and how headers are matched to them;
* :mod:`.mapping`: the column-mapping step (guesses, the user's choice, checks);
* :mod:`.parse`: cells turned into values, rows grouped into records, records into batches.

Nothing here imports Odoo: ``pytest tests/`` tests it without a database. The Odoo side (the
records written, the translated messages) is the package ``opportunity_pipeline/importer``.
"""
