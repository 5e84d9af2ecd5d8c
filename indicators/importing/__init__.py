"""Importing partner deliveries and CBS/Politie open data: validated, all-or-nothing, with provenance.

Flow: read the file (`tabular`) -> recognise its shape (`long_format`, `wide_format`, `statline`)
-> candidate values with row numbers -> validate and compare with what is stored (`plan`) ->
write everything in one transaction, or nothing (`apply`).
"""
