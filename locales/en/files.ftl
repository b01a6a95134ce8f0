# Uploaded files: why a file is refused, and what to do about it.
files-empty = The file is empty (0 bytes). Check that you chose the right file and upload it again.
files-not-pdf = This is not a PDF file. Save or export the document as PDF (in most programs: “File” → “Save as” or “Export” → PDF) and upload it again.
files-encrypted = The file is protected with a password. Save the PDF without a password and upload it again.
files-corrupt = The file is damaged or was not saved completely, so it cannot be opened. Open it on your computer, save it as a new PDF and upload it again.
files-timeout = The file could not be checked in the time allowed: it is too complex. Save the PDF again (for example “Print” → “Save as PDF”) or use fewer or smaller images, and upload it again.
files-too-complex = The file is too complex to check: opening it needs too much memory. Save the PDF again (for example “Print” → “Save as PDF”) or lower the resolution of its images, and upload it again.
files-too-large = The file is larger than { $limit_mb } MB. Make the PDF smaller (for example, save scans at a lower resolution) and upload it again.
files-too-large-generic = The file is too large. Make the PDF smaller (for example, save scans at a lower resolution) and upload it again.
files-upload-broken = The upload was interrupted and the file did not arrive completely. Check your internet connection and upload the file again.
