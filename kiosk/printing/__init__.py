"""Free printing: A4 documents through CUPS, tickets on thermal receipt printers.

- model: the words shared by backends and screens (PrinterState, JobStatus...).
- service: PrintService, the one object screens talk to (signals, never blocks).
- cups_backend / virtual_a4: the A4 printer (a real CUPS queue, or the demo's folder).
- a4_document / pdf_pages: a kiosk document as an A4 PDF; a PDF's page count.
- quota / wiper: pages per session and per day; nothing left in CUPS after a session.
"""
