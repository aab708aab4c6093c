"""DOCX through docxtpl and python-docx: the rendered HTML tree written as Word blocks, tables, lists,
sections, fields and controls, with the watermark and reproducible package dates."""
